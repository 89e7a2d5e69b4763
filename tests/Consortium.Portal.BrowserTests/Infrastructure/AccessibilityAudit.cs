using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Consortium.Portal.BrowserTests.Infrastructure;

/// <summary>
/// axe-core over every page a browser test visits. <see cref="PortalInBrowser.RunAsync"/> starts one audit per test and
/// watches every page of its contexts; the shared waits (<see cref="PortalPages"/>, <see cref="UntilShown"/>) check the
/// page each time it is ready, and the journey's end checks every page still open. A serious or critical violation
/// (and a page without exactly one main landmark) fails the test with the rule, the element and the page. A page that
/// was shown but never checked fails it too, so a test cannot walk past a page unchecked.
/// </summary>
public sealed partial class AccessibilityAudit
{
    private static readonly ConditionalWeakTable<IBrowserContext, AccessibilityAudit> ByContext = [];

    // Moderate in axe's own scale, but the issue asked for them: each page has its one main landmark.
    private static readonly HashSet<string> AlsoFailing = ["landmark-one-main", "landmark-no-duplicate-main"];

    private static readonly AxeRunOptions Options = new()
    {
        // WCAG 2.2 A and AA, and axe's best practices (where the landmark rules live).
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
        },
        ResultTypes = [ResultType.Violations],
    };

    private readonly object _gate = new();
    private readonly List<string> _failures = [];
    private readonly List<string> _notes = [];
    private readonly HashSet<string> _reported = [];
    private readonly HashSet<string> _shown = [];
    private readonly HashSet<string> _checked = [];
    private readonly List<IPage> _pages = [];

    /// <summary>How many times axe ran in this test.</summary>
    public int Checks { get; private set; }

    // What the audit costs the test (the settling waits and axe's runs), so a slow journey's output says how much of it
    // is the audit.
    private readonly System.Diagnostics.Stopwatch _spent = new();
    private int _running;

    /// <summary>The wall time this test spent in audits (overlapping audits of several pages counted once).</summary>
    public TimeSpan Spent => _spent.Elapsed;

    /// <summary>Watches <paramref name="context"/>'s pages (those open now and those it opens later).</summary>
    public void Watch(IBrowserContext context)
    {
        ByContext.AddOrUpdate(context, this);
        foreach (var page in context.Pages)
        {
            Watch(page);
        }
        context.Page += (_, page) => Watch(page);
    }

    private void Watch(IPage page)
    {
        lock (_gate)
        {
            if (_pages.Contains(page))
            {
                return;
            }
            _pages.Add(page);
        }
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame && PageOf(frame.Url) is { } shown)
            {
                lock (_gate)
                {
                    _shown.Add(shown);
                }
            }
        };
    }

    /// <summary>The audit of the test that made <paramref name="page"/>'s context; null outside <see cref="PortalInBrowser.RunAsync"/>.</summary>
    public static AccessibilityAudit? Of(IPage page) => ByContext.TryGetValue(page.Context, out var audit) ? audit : null;

    /// <summary>Runs axe on the page as it is now and records what it finds (the test fails at its end).</summary>
    public static Task CheckAsync(IPage page) => Of(page)?.RunAsync(page) ?? Task.CompletedTask;

    private async Task RunAsync(IPage page)
    {
        if (page.IsClosed || PageOf(page.Url) is not { } where)
        {
            return;
        }
        lock (_gate)
        {
            if (_running++ == 0)
            {
                _spent.Start();
            }
        }
        try
        {
            await AuditAsync(page, where);
        }
        finally
        {
            lock (_gate)
            {
                if (--_running == 0)
                {
                    _spent.Stop();
                }
            }
        }
    }

    private async Task AuditAsync(IPage page, string where)
    {
        // A finding is kept only when a second run, once the page has settled again, finds it too. What axe saw only in
        // passing was the page between states, not the page a person reads: a snackbar fading out while axe ran read as
        // low contrast, and a check that a redirect overtook saw the next document before its <title>. A real violation is
        // there both times.
        var first = await SettledAxeAsync(page, where);
        if (first is null)
        {
            return;
        }
        var result = first;
        if (first.Violations.Any(Fails))
        {
            var second = await SettledAxeAsync(page, where);
            if (second is null)
            {
                return;
            }
            var again = second.Violations.SelectMany(v => v.Nodes.Select(n => $"{v.Id}|{n.Target}")).ToHashSet();
            lock (_gate)
            {
                foreach (var v in first.Violations.Where(Fails))
                {
                    foreach (var n in v.Nodes.Where(n => !again.Contains($"{v.Id}|{n.Target}")))
                    {
                        _notes.Add($"{v.Id} on {where} seen once, not on a second look (a passing state): {n.Target}");
                    }
                }
            }
            result = second;
        }

        lock (_gate)
        {
            Checks++;
            _checked.Add(where);
            foreach (var violation in result.Violations)
            {
                var fails = Fails(violation);
                foreach (var node in violation.Nodes)
                {
                    var target = node.Target?.ToString() ?? "?";
                    if (!_reported.Add($"{violation.Id}|{target}|{where}"))
                    {
                        continue;
                    }
                    var line = $"{violation.Impact} {violation.Id} on {where}: {target} ({violation.Help}) {Shorten(Why(node))} {Shorten(node.Html)}";
                    (fails ? _failures : _notes).Add(line);
                }
            }
        }
    }

    // axe-core's own script, and the options as axe reads them (the package's types carry Newtonsoft's names).
    private static readonly Lazy<string> AxeScript = new(() => new BundledAxeScriptProvider().GetScript());
    private static readonly string OptionsJson = JsonConvert.SerializeObject(Options);

    /// <summary>
    /// axe.run on the page's document, with axe injected once per document. The package's own <c>RunAxe</c> runs
    /// <c>axe.runPartial</c> in each frame and then opens a blank page to call <c>finishRun</c>, at every check: that is for
    /// cross-origin frames, which portal pages have none of, and it made a check cost 1.6 s against 0.26 s for axe.run on the
    /// same page (the publication journey: 52 checks, 83–86 s against 12–14 s), the largest part of the browser suite's time.
    /// </summary>
    private static async Task<AxeResult> RunAxeInPageAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
        {
            // Evaluated through the DevTools protocol, so the portal's Content-Security-Policy does not apply to it.
            await page.EvaluateAsync(AxeScript.Value);
        }
        var json = await page.EvaluateAsync<string>(
            "options => window.axe.run(document, JSON.parse(options)).then(result => JSON.stringify(result))", OptionsJson);
        return new AxeResult(JObject.Parse(json));
    }

    private static bool Fails(AxeResultItem violation) => violation.Impact is "serious" or "critical" || AlsoFailing.Contains(violation.Id);

    /// <summary>
    /// axe on <paramref name="page"/> once it is loaded, titled and still; null when the page closed, or when it went on
    /// to another document while axe ran (a mark set on the window before the run is gone after it): that result
    /// describes neither document, and the next check sees the new one.
    /// </summary>
    private async Task<AxeResult?> SettledAxeAsync(IPage page, string where)
    {
        try
        {
            // A check that lands between a navigation's commit and the new document's head (a redirect after sign-in, a
            // reload) sees an empty document with no title yet. Wait for the document to be loaded and titled; a page that
            // really has no title still has none after five seconds, and axe reports it.
            await page.WaitForFunctionAsync("() => document.readyState === 'complete' && document.title.trim() !== ''",
                null, new PageWaitForFunctionOptions { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // Still untitled: check it as it is.
        }
        catch (PlaywrightException)
        {
            return null;
        }
        try
        {
            // Popovers and dialogs open and close with a short transition; half-faded text would read as low contrast.
            // Endless animations (a progress bar) never settle and change no colour, so they are not waited for.
            await page.WaitForFunctionAsync(
                "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)",
                null, new PageWaitForFunctionOptions { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // Still moving after five seconds: check it as it is.
        }
        catch (PlaywrightException)
        {
            return null;
        }
        try
        {
            var mark = Guid.NewGuid().ToString("N");
            await page.EvaluateAsync("mark => { window.__portalAxeMark = mark; }", mark);
            var result = await RunAxeInPageAsync(page);
            var sameDocument = await page.EvaluateAsync<bool>("mark => window.__portalAxeMark === mark", mark);
            if (!sameDocument || PageOf(page.Url) != where)
            {
                lock (_gate)
                {
                    _notes.Add($"axe on {where} was overtaken by a navigation; its result was set aside");
                }
                return null;
            }
            return result;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // The page navigated or closed while axe ran; the next check, or the journey's end, sees the new page.
            lock (_gate)
            {
                _notes.Add($"axe could not finish on {where}: {e.Message.Split('\n')[0]}");
            }
            return null;
        }
    }

    /// <summary>At the journey's end: checks the pages still open, then fails on what was found or left unchecked.</summary>
    public async Task FinishAsync()
    {
        IPage[] open;
        lock (_gate)
        {
            open = _pages.Where(p => !p.IsClosed && PageOf(p.Url) is not null).ToArray();
        }
        foreach (var page in open)
        {
            await RunAsync(page);
        }
        lock (_gate)
        {
            var unchecked_ = _shown.Except(_checked).Order().ToList();
            if (_failures.Count == 0 && unchecked_.Count == 0)
            {
                return;
            }
            var message = new StringBuilder();
            if (_failures.Count > 0)
            {
                message.AppendLine($"axe found {_failures.Count} serious or critical accessibility violation(s):");
                foreach (var failure in _failures)
                {
                    message.AppendLine("  - " + failure);
                }
            }
            if (unchecked_.Count > 0)
            {
                message.AppendLine("Pages shown but never checked by axe (wait for them with PortalPages.ReadyAsync or UntilShown): "
                    + string.Join(", ", unchecked_));
            }
            throw new AccessibilityViolationsException(message.ToString());
        }
    }

    /// <summary>What axe noted below the failing level, for the test's output.</summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            lock (_gate)
            {
                return _notes.ToList();
            }
        }
    }

    /// <summary>The page's path with ids made generic, so one page is one entry however many documents a test opens; null for blank pages.</summary>
    private static string? PageOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }
        return Ids().Replace(uri.AbsolutePath, "{id}");
    }

    private static string Why(AxeResultNode node)
        => string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).Distinct());

    private static string Shorten(string? text)
    {
        var flat = (text ?? "").ReplaceLineEndings(" ");
        return flat.Length <= 240 ? flat : flat[..240] + "…";
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Ids();
}

public sealed class AccessibilityViolationsException(string message) : Exception(message);
