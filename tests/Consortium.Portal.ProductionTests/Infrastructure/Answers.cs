namespace Consortium.Portal.ProductionTests.Infrastructure;

/// <summary>Keeps every answer a client received, for checks that hold for all of them.</summary>
internal sealed class AnswerLog : DelegatingHandler
{
    private readonly List<HttpResponseMessage> _answers = [];

    public IReadOnlyList<HttpResponseMessage> All
    {
        get
        {
            lock (_answers)
            {
                return [.. _answers];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var answer = await base.SendAsync(request, cancellationToken);
        lock (_answers)
        {
            _answers.Add(answer);
        }
        return answer;
    }
}

/// <summary>Issue 10, item 5, on what the proxy hands the browser: HSTS for a year with subdomains, no server name,
/// the portal's content policy, and cookies that are Secure and __Host-.</summary>
internal static class SecurityHeaders
{
    public static void Check(HttpResponseMessage answer)
    {
        var what = $"{answer.RequestMessage?.Method} {answer.RequestMessage?.RequestUri?.PathAndQuery} ({(int)answer.StatusCode})";
        Assert.True(answer.Headers.TryGetValues("Strict-Transport-Security", out var hsts), $"{what}: no Strict-Transport-Security");
        Assert.Equal("max-age=31536000; includeSubDomains", hsts!.Single());
        Assert.False(answer.Headers.Contains("Server"), $"{what}: Server: {string.Join(", ", answer.Headers.TryGetValues("Server", out var s) ? s : [])}");
        Assert.True(answer.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", $"{what}: no X-Content-Type-Options: nosniff");
        Assert.True(answer.Headers.Contains("Content-Security-Policy"), $"{what}: no Content-Security-Policy");
        Assert.True(answer.Headers.TryGetValues("X-Frame-Options", out var frames) && frames.Single() == "DENY", $"{what}: framing not denied");
        foreach (var cookie in answer.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [])
        {
            Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }
}
