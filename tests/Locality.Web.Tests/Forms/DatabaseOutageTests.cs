using System.Net;
using Locality.Application.Common.Security;
using Locality.Testing;
using Npgsql;

namespace Locality.Web.Tests.Forms;

/// <summary>
/// PostgreSQL goes away under a signed-in key worker: their next page is the "busy for a moment" page, 503 with
/// Retry-After, not a 500 (checking their session needs the database, and so would showing them an error page as
/// themselves). When the database is back, so is the page, still signed in.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task ASignedInPersonsPage_WhileTheDatabaseIsAway_Is503WithRetryAfter_AndComesBackAfter()
    {
        var cluster = await ThrowawayCluster.StartAsync();
        try
        {
            var database = await TestDatabase.CreateAsync(PostgresServer.Over(cluster));
            await using var web = WebFactory.Over(database);
            await web.InitializeAsync();
            var client = await web.SignedInClientAsync(Roles.KeyWorker);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/people")).Status);

            await cluster.StopAsync(crash: true);
            var away = await client.GetAsync("/people");
            await cluster.StartAgainAsync();
            NpgsqlConnection.ClearAllPools();
            var back = await client.GetAsync("/people");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, away.Status);
            Assert.True(away.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says when to try again");
            Assert.Equal("The service is busy for a moment", away.Document.QuerySelector("h1")?.TextContent.Trim());
            Assert.Equal(HttpStatusCode.OK, back.Status);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            cluster.Remove();
        }
    }
}
