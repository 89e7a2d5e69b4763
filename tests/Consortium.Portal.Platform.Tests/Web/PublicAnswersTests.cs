using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.Platform.Tests.Web;

/// <summary>
/// The public pages' kept answers (<see cref="PublicAnswers"/>): made once per change, answered with their ETag, and
/// never kept when they are not a plain 200 of an address without a query.
/// </summary>
public sealed class PublicAnswersTests : IDisposable
{
    private const string Tag = "public-test";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly PortalCache _cache;
    private int _made;

    public PublicAnswersTests() => _cache = new(_clock, Options.Create(new PortalCacheOptions()));

    public void Dispose() => _cache.Dispose();

    private HttpContext Request(string path, string query = "", string? ifNoneMatch = null)
    {
        var services = new ServiceCollection()
            .AddSingleton(_cache)
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging()
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("portal.example");
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        if (ifNoneMatch is not null)
        {
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        }
        context.Response.Body = new MemoryStream();
        return context;
    }

    private async Task<(int Status, string Body, string ETag)> AnswerAsync(HttpContext context, int status = 200)
    {
        var result = await PublicAnswers.AnswerAsync(context, Tag, Lifetime, _ =>
        {
            _made++;
            return Task.FromResult<PublicAnswer?>(PublicAnswer.Html($"<p>made {_made}</p>", status));
        });
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync(), context.Response.Headers.ETag.ToString());
    }

    [Fact]
    public async Task A_page_with_a_hole_is_made_once_and_each_answer_has_its_own_value_and_it_is_not_kept_past_its_true_until()
    {
        var fills = 0;
        async Task<(string Body, string CacheControl)> AnswerWithAsync()
        {
            var context = Request("/events/1");
            var result = await PublicAnswers.AnswerWithAsync(context, Tag, Lifetime, "HOLE0here", () => "token-" + ++fills, _ =>
            {
                _made++;
                return Task.FromResult<PublicAnswer?>(PublicAnswer.Html($"<p>made {_made}: HOLE0here.</p>") with { TrueUntil = _clock.GetUtcNow().AddSeconds(30) });
            });
            await result.ExecuteAsync(context);
            context.Response.Body.Position = 0;
            return (await new StreamReader(context.Response.Body).ReadToEndAsync(), context.Response.Headers.CacheControl.ToString());
        }

        Assert.Equal(("<p>made 1: token-1.</p>", "no-store"), await AnswerWithAsync());
        Assert.Equal(("<p>made 1: token-2.</p>", "no-store"), await AnswerWithAsync());
        Assert.Equal(1, _made);

        // Past the answer's own end it is made again, although the lifetime has not run out.
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("<p>made 2: token-3.</p>", (await AnswerWithAsync()).Body);
    }

    [Fact]
    public async Task A_page_is_made_once_and_then_answered_from_the_cache_and_by_its_etag_until_its_tag_changes()
    {
        var first = await AnswerAsync(Request("/library"));
        var second = await AnswerAsync(Request("/library"));
        Assert.Equal((200, "<p>made 1</p>"), (first.Status, first.Body));
        Assert.Equal(first, second);
        Assert.Equal(1, _made);

        var notModified = await AnswerAsync(Request("/library", ifNoneMatch: first.ETag));
        Assert.Equal(304, notModified.Status);
        Assert.Equal(1, _made);

        _cache.Invalidate(Tag);
        var afterChange = await AnswerAsync(Request("/library"));
        Assert.Equal("<p>made 2</p>", afterChange.Body);
    }

    [Fact]
    public async Task Addresses_with_a_query_and_answers_that_are_not_200_are_made_every_time()
    {
        await AnswerAsync(Request("/library", "?topic=a"));
        var again = await AnswerAsync(Request("/library", "?topic=a"));
        Assert.Equal(2, _made);
        Assert.Equal(200, again.Status);

        var bad = await AnswerAsync(Request("/catalogue"), status: 400);
        Assert.Equal(400, bad.Status);
        await AnswerAsync(Request("/catalogue"), status: 400);
        Assert.Equal(4, _made);
        Assert.Equal(0, _cache.Count);
    }
}
