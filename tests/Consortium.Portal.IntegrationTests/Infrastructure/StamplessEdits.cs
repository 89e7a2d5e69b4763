using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.Platform.Validation;

namespace Consortium.Portal.IntegrationTests.Infrastructure;

/// <summary>
/// Sends an edit that would be accepted, once without its stamp and once with the empty stamp (what a client that
/// forgot it binds to), and expects both refused as a field error on the stamp with the Platform's one text: a 400 the
/// caller can act on, never a 409 against a stamp no one read. Taking a valid request and removing only the stamp
/// proves the stamp alone is the refusal; the caller then checks that nothing changed.
/// </summary>
internal static class StamplessEdits
{
    public const string StampRequired = "The concurrency stamp of the version you read is missing: send it with the change.";

    public static async Task AssertRefusedAsync(this HttpClient client, HttpMethod method, string path, object validRequest, string field = ConcurrencyStamps.Field)
    {
        var body = JsonSerializer.SerializeToNode(validRequest, validRequest.GetType(), DocumentsClient.Json)!.AsObject();
        Assert.True(body.ContainsKey(field), $"{path}: the request has no {field} to leave out");

        body.Remove(field);
        await AssertFieldErrorAsync(await client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) }), method, path, field, "without");
        body[field] = Guid.Empty;
        await AssertFieldErrorAsync(await client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) }), method, path, field, "with an empty");
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, HttpMethod method, string path, string field, string how)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} {how} {field}: {(int)response.StatusCode} {text}");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(StampRequired, errors.GetProperty(field)[0].GetString());
    }
}
