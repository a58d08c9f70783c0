using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a host or a live database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LocalityDbContext>
{
    public LocalityDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<LocalityDbContext>();
        DatabaseConnection.Configure(options, "Host=127.0.0.1;Database=locality_design;Username=locality");
        // The identity schema version (passkeys) is read from the application's services, as when the hosts run.
        options.UseApplicationServiceProvider(new ServiceCollection().AddLocalityIdentityStoreOptions().BuildServiceProvider());
        return new LocalityDbContext(options.Options);
    }
}
