using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Consortium.Portal.Platform.Tests.Web;

public sealed class PortalEndpointWarmUpTests
{
    [Fact]
    public async Task The_warm_up_runs_on_a_thread_of_its_own_so_the_first_requests_do_not_queue_behind_it_on_the_pool()
    {
        // The route matcher's build is a long piece of one thread's CPU; a 2-core machine's pool starts with two threads.
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        await using var services = new ServiceCollection().BuildServiceProvider();
        var warmUp = new PortalEndpointWarmUp(services.GetRequiredService<IServiceScopeFactory>(), lifetime, NullLogger<PortalEndpointWarmUp>.Instance);
        bool? onThePool = null;
        warmUp.UsePipeline(context =>
        {
            onThePool = Thread.CurrentThread.IsThreadPoolThread;
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });
        await warmUp.StartAsync(CancellationToken.None);

        lifetime.NotifyStarted();

        Assert.Equal(StatusCodes.Status401Unauthorized, await warmUp.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(onThePool);
    }
}
