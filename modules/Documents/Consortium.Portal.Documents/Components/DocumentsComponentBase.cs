using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Consortium.Portal.Documents.Components;

/// <summary>
/// What the Documents pages share: each operation runs in a scope of its own (a circuit lives long, a DbContext should
/// not) acting as the circuit's user, and a refusal is told to the user in their language, as the API tells it.
/// </summary>
public abstract class DocumentsComponentBase : ComponentBase
{
    [Inject] protected IServiceScopeFactory Scopes { get; set; } = default!;
    [Inject] protected CurrentPrincipal Principal { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected IStringLocalizer<DocumentsResource> T { get; set; } = default!;
    [Inject] protected IStringLocalizerFactory Localizers { get; set; } = default!;

    /// <summary>The signed-in user's id (null only while signing out).</summary>
    protected Guid? UserId => Guid.TryParse(Principal.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;

    /// <summary>Runs <paramref name="operation"/>; a refusal is shown and answered with the default value.</summary>
    internal async Task<TResult?> RunAsync<TService, TResult>(Func<TService, Task<TResult>> operation) where TService : notnull
    {
        await using var scope = Scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal = Principal.Principal;
        try
        {
            return await operation(scope.ServiceProvider.GetRequiredService<TService>());
        }
        catch (Exception e) when (ExceptionProblems.StatusCodeOf(e) < 500 || e is BlobStorageUnavailableException)
        {
            Snackbar.Add(ExceptionProblems.Describe(e, Localizers, includeExceptionDetails: false).Detail ?? e.Message, Severity.Warning);
            return default;
        }
    }

    /// <summary>Runs <paramref name="operation"/>; true when it succeeded.</summary>
    internal async Task<bool> RunAsync<TService>(Func<TService, Task> operation) where TService : notnull
        => await RunAsync<TService, bool>(async service =>
        {
            await operation(service);
            return true;
        });

    protected static string FileSize(long bytes) => FileContentCheck.FormatSize(bytes);
}

/// <summary>A file the browser is uploading, as its script reports it.</summary>
public sealed class UploadProgress
{
    public string Name { get; set; } = "";
    public long Size { get; set; }
    public double Percent { get; set; }
    public bool Done { get; set; }
    public string? Error { get; set; }
}
