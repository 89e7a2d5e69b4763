using System.Text.Json;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>
/// The portal's garbage collector is chosen, not inherited: server GC with dynamic adaptation (DATAS). The circuits
/// bench measured the memory per interactive tab with DATAS off at 3,480 KB against 1,468 KB with it (10 → 30 tabs after
/// a full GC, the same build, build/bench/RESULTS.md "Circuits, third session"): the heap follows the tabs' live data
/// instead of keeping server GC's per-core budgets, so turning it off (or a default changing) would cost every tab.
/// </summary>
public sealed class GarbageCollectorSettingsTests
{
    [Fact]
    public void The_portal_runs_server_gc_with_dynamic_adaptation()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Consortium.Portal.Web.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(file));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(1, properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());
    }
}
