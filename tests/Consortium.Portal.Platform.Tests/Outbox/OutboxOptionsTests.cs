using Consortium.Portal.Platform.Outbox;

namespace Consortium.Portal.Platform.Tests.Outbox;

public sealed class OutboxOptionsTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(10, 2560)]
    public void The_retry_delay_doubles_with_each_failure(int attempt, int seconds)
    {
        var options = new OutboxOptions { RetryDelay = TimeSpan.FromSeconds(5), MaxRetryDelay = TimeSpan.FromHours(1) };

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.RetryDelayAfter(attempt));
    }

    [Fact]
    public void The_retry_delay_stops_growing_at_its_maximum()
    {
        var options = new OutboxOptions { RetryDelay = TimeSpan.FromSeconds(5), MaxRetryDelay = TimeSpan.FromHours(1) };

        Assert.Equal(TimeSpan.FromHours(1), options.RetryDelayAfter(12));
        Assert.Equal(TimeSpan.FromHours(1), options.RetryDelayAfter(int.MaxValue));
    }

    [Fact]
    public void Wrong_settings_are_named()
    {
        var result = new OutboxOptionsValidation().Validate(null, new OutboxOptions { BatchSize = 0, PollInterval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("Outbox:BatchSize", result.FailureMessage);
        Assert.Contains("Outbox:PollInterval", result.FailureMessage);
    }
}
