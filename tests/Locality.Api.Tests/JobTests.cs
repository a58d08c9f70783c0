using Hangfire;
using Hangfire.Storage;
using Locality.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Api.Tests;

public sealed class JobTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public void TheDailyConversationCheck_IsScheduledInHangfiresPostgreSqlStorage_AtQuarterPastThreeUkTime()
    {
        LocalityJobs.Schedule(api.Services);

        using var connection = api.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == ConversationStateJob.Id);
        Assert.Equal("15 3 * * *", job.Cron);
        Assert.Equal("Europe/London", job.TimeZoneId);
        Assert.Equal(nameof(ConversationStateJob.RunAsync), job.Job.Method.Name);
    }
}
