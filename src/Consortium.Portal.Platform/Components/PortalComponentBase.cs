using System.Security.Claims;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Consortium.Portal.Platform.Components;

/// <summary>
/// The one base of the portal's interactive pages and components. It gives the signed-in user and their time zone, the
/// module's texts (<see cref="L"/>), and <c>RunAsync</c>: an operation in a scope of its own (a circuit lives long, a
/// DbContext should not) acting as the circuit's user, whose refusal is shown the same way on every page:
/// <list type="bullet">
/// <item>invalid input: the messages under each field (<see cref="FieldError"/>) and a summary in <see cref="Problem"/>;</item>
/// <item>someone else's change in between: <see cref="Problem"/> with <see cref="PageProblem.IsConflict"/>, so the page offers to reload;
/// a component that offers no reload of its own tells it in a snackbar instead (<see cref="TellsConflictsInSnackbar"/>);</item>
/// <item>any other refusal (not found, not allowed, a domain rule, storage down): <see cref="Problem"/> and a snackbar in
/// the user's language, the very text the API gives in its problem details; a component that shows every refusal in
/// its own alert says so (<see cref="ShowsRefusalsInPlace"/>) and gets no snackbar.</item>
/// </list>
/// Unexpected errors are not caught: they reach the circuit's error boundary and the log.
/// </summary>
public abstract class PortalComponentBase<TResource> : ComponentBase
{
    [Inject] protected IStringLocalizer<TResource> L { get; set; } = default!;

    [Inject] protected ICurrentUser CurrentUser { get; set; } = default!;

    [Inject] protected UserTimeZone TimeZone { get; set; } = default!;

    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;

    [Inject] private IStringLocalizerFactory Localizers { get; set; } = default!;

    /// <summary>The signed-in user (anonymous while signing out).</summary>
    protected ClaimsPrincipal User => CurrentUser.Principal;

    /// <summary>The signed-in user's id (null only while signing out).</summary>
    protected Guid? UserId => CurrentUser.Id;

    /// <summary>What the last operation run through <c>RunAsync</c> was refused for; null when it succeeded.</summary>
    protected PageProblem? Problem { get; private set; }

    /// <summary>The messages of one field (by its JSON name, e.g. "name") of the last refused change.</summary>
    protected string? FieldError(string field)
        => Problem?.FieldErrors.TryGetValue(field, out var messages) == true ? string.Join(" ", messages) : null;

    protected bool HasFieldError(string field) => Problem?.FieldErrors.ContainsKey(field) == true;

    protected void ClearProblem() => Problem = null;

    /// <summary>
    /// Checks <paramref name="input"/> again after the user changed it, with the module's validator for it (the rules the
    /// save applies, as <see cref="Validation.FormValidation"/> gives a form): a field's message goes as soon as the field
    /// is valid rather than at the next save, a message that still holds stays (in its words for the input as it is now),
    /// and a field just <paramref name="edited"/> (a JSON path; the fields under it count too) is told at once when it is
    /// not valid. Fields nobody touched since the last save get no message before the next one.
    /// </summary>
    protected async Task RecheckAsync<TInput>(TInput input, params string[] edited)
    {
        var shown = Problem?.FieldErrors ?? PageProblem.NoFieldErrors;
        if (shown.Count == 0 && edited.Length == 0)
        {
            return;
        }
        IReadOnlyDictionary<string, string[]> now;
        await using (var scope = Scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal = CurrentUser.Principal;
            var result = await scope.ServiceProvider.GetRequiredService<FluentValidation.IValidator<TInput>>().ValidateAsync(input);
            now = Validation.RequestValidation.ToFieldErrors(result);
        }
        var kept = now
            .Where(e => shown.ContainsKey(e.Key) || edited.Any(f => e.Key == f || e.Key.StartsWith(f + ".", StringComparison.Ordinal) || e.Key.StartsWith(f + "[", StringComparison.Ordinal)))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (kept.Count > 0)
        {
            Problem = PageProblem.Of(new RequestValidationException(kept), Localizers, TimeZone.TimeZone);
        }
        else if (shown.Count > 0)
        {
            Problem = null;
        }
    }

    /// <summary>A UTC instant as the reader's clock shows it (their time zone, their culture).</summary>
    protected string InUserTime(DateTime utc, string format = "g") => TimeZone.Format(utc, format);

    /// <summary>Runs <paramref name="operation"/> with a fresh scope; a refusal is shown and answered with default.</summary>
    protected Task<TResult?> RunAsync<TResult>(Func<IServiceProvider, Task<TResult>> operation)
        => RunAsync(operation, InPlace);

    private static readonly RefusalPlace InPlace = new(() => true, _ => { });

    /// <summary>
    /// Where a refusal goes: in place (<see cref="Problem"/>) while <paramref name="FormShown"/> answers true, else to
    /// <paramref name="Elsewhere"/>, since the form it belongs to gave way to another while it ran.
    /// </summary>
    private sealed record RefusalPlace(Func<bool> FormShown, Action<PageProblem> Elsewhere);

    private async Task<TResult?> RunAsync<TResult>(Func<IServiceProvider, Task<TResult>> operation, RefusalPlace place)
    {
        if (place.FormShown())
        {
            Problem = null;
        }
        await using var scope = Scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal = CurrentUser.Principal;
        try
        {
            return await operation(scope.ServiceProvider);
        }
        catch (Exception e) when (PageProblem.IsRefusal(e))
        {
            if (place.FormShown())
            {
                Show(e);
            }
            else
            {
                place.Elsewhere(PageProblem.Of(e, Localizers, TimeZone.TimeZone));
            }
            return default;
        }
    }

    /// <summary>
    /// Runs a read that follows a change of a form that may have given way to another meanwhile (the list reloaded after
    /// the save): like <c>RunAsync</c> while <paramref name="formShown"/> answers true; once it answers false, it leaves
    /// <see cref="Problem"/> (the open form's) alone, and a refusal goes to <paramref name="refusedAfterFormWent"/>.
    /// </summary>
    protected Task<TResult?> RunAsync<TService, TResult>(Func<TService, Task<TResult>> operation, Func<bool> formShown, Action<PageProblem> refusedAfterFormWent)
        where TService : notnull
        => RunAsync(services => operation(services.GetRequiredService<TService>()), new RefusalPlace(formShown, refusedAfterFormWent));

    /// <summary>
    /// Runs a change of a form that may give way to another before the change ends (a page that opens one form in place
    /// of another): like <c>RunAsync</c> while <paramref name="formShown"/> answers true; once it answers false, the
    /// refusal is not the open form's to show, so <see cref="Problem"/> (by then the other form's fields and errors) is
    /// left alone and the refusal goes to <paramref name="refusedAfterFormWent"/>, for the page to tell apart.
    /// </summary>
    protected async Task<bool> RunAsync<TService>(Func<TService, Task> operation, Func<bool> formShown, Action<PageProblem> refusedAfterFormWent)
        where TService : notnull
        => await RunAsync(services => TrueAfter(operation)(services.GetRequiredService<TService>()), new RefusalPlace(formShown, refusedAfterFormWent));

    /// <summary>Runs <paramref name="operation"/> on <typeparamref name="TService"/>; a refusal is shown and answered with default.</summary>
    protected Task<TResult?> RunAsync<TService, TResult>(Func<TService, Task<TResult>> operation) where TService : notnull
        => RunAsync(services => operation(services.GetRequiredService<TService>()));

    /// <summary>Runs a change on <typeparamref name="TService"/>; true when it succeeded, false when it was refused (and shown).</summary>
    protected async Task<bool> RunAsync<TService>(Func<TService, Task> operation) where TService : notnull
        => await RunAsync<TService, bool>(TrueAfter(operation));

    /// <summary>A change answered with true once done: refused, or not started, it answers default (false).</summary>
    private static Func<TService, Task<bool>> TrueAfter<TService>(Func<TService, Task> change)
        => async service =>
        {
            await change(service);
            return true;
        };

    /// <summary>
    /// True while a submit of this component (<c>SubmitAsync</c>) runs. Its button is <c>Disabled="Submitting"</c>: the
    /// browser then sends no second click while the first is being saved.
    /// </summary>
    protected bool Submitting { get; private set; }

    /// <summary>
    /// Runs a form's submit (a create, an add, anything a second run would do again) like <c>RunAsync</c>, unless a submit
    /// of this component is still running: then it starts nothing and answers default. Each click is a handler of its
    /// own, and the circuit runs them interleaved at their awaits, so a double click (or a click already on its way
    /// when the button was disabled) would otherwise save twice. Edits carry a stamp and need no guard: the second gets
    /// a conflict.
    /// </summary>
    protected Task<TResult?> SubmitAsync<TResult>(Func<IServiceProvider, Task<TResult>> operation)
        => SubmitAsync(operation, InPlace);

    /// <summary>
    /// Submits a change of a form that may give way to another before it ends: like <c>SubmitAsync</c>, with its refusal
    /// told as <see cref="RunAsync{TService}(Func{TService, Task}, Func{bool}, Action{PageProblem})"/> tells it.
    /// </summary>
    protected async Task<bool> SubmitAsync<TService>(Func<TService, Task> operation, Func<bool> formShown, Action<PageProblem> refusedAfterFormWent)
        where TService : notnull
        => await SubmitAsync(services => TrueAfter(operation)(services.GetRequiredService<TService>()), new RefusalPlace(formShown, refusedAfterFormWent));

    private async Task<TResult?> SubmitAsync<TResult>(Func<IServiceProvider, Task<TResult>> operation, RefusalPlace place)
    {
        // The circuit runs one piece of a handler at a time, so nothing comes between this test and the set.
        if (Submitting)
        {
            return default;
        }
        Submitting = true;
        try
        {
            return await RunAsync(operation, place);
        }
        finally
        {
            Submitting = false;
        }
    }

    /// <summary>Submits on <typeparamref name="TService"/> (see <see cref="SubmitAsync{TResult}(Func{IServiceProvider, Task{TResult}})"/>).</summary>
    protected Task<TResult?> SubmitAsync<TService, TResult>(Func<TService, Task<TResult>> operation) where TService : notnull
        => SubmitAsync(services => operation(services.GetRequiredService<TService>()));

    /// <summary>Submits a change on <typeparamref name="TService"/>; true when it ran and succeeded, false when it was refused or another submit was running.</summary>
    protected async Task<bool> SubmitAsync<TService>(Func<TService, Task> operation) where TService : notnull
        => await SubmitAsync<TService, bool>(TrueAfter(operation));

    private int _savesUnderway;

    /// <summary>
    /// True while a change of this component is on its way to the server: a submit (<see cref="Submitting"/>) or a save
    /// run through <see cref="SavingAsync{TResult}"/>. Until it is stored the change can still be lost, so
    /// <see cref="UnsavedChangesGuard"/> counts it as unsaved (a reload right after pressing Save asks first).
    /// </summary>
    protected bool Saving => Submitting || _savesUnderway > 0;

    /// <summary>Runs <paramref name="save"/> (a <c>RunAsync</c> that saves) counted in <see cref="Saving"/> until it ends.</summary>
    protected async Task<TResult> SavingAsync<TResult>(Func<Task<TResult>> save)
    {
        _savesUnderway++;
        try
        {
            return await save();
        }
        finally
        {
            _savesUnderway--;
        }
    }

    /// <summary>
    /// True on a component that renders <see cref="Problem"/> for every refusal itself (an alert in place): the
    /// snackbar would only say the same thing twice.
    /// </summary>
    protected virtual bool ShowsRefusalsInPlace => false;

    /// <summary>
    /// True on a component that has no reload to offer for someone else's change in between (a list that reloads
    /// after every change anyway): the conflict is told in a snackbar like any other refusal.
    /// </summary>
    protected virtual bool TellsConflictsInSnackbar => false;

    private void Show(Exception e)
    {
        Problem = PageProblem.Of(e, Localizers, TimeZone.TimeZone);
        // Field errors are shown under their fields and a conflict offers a reload (unless the component has none to
        // offer); anything else is told once more, in a snackbar, unless the component already shows it in place.
        var tellInSnackbar = Problem.IsConflict
            ? TellsConflictsInSnackbar
            : e is not RequestValidationException && !ShowsRefusalsInPlace;
        if (tellInSnackbar)
        {
            Snackbar.Add(Problem.Message, Severity.Warning);
        }
    }
}

/// <summary>Why the last operation of a page was refused, in the user's language.</summary>
/// <param name="Current">For a conflict, the thing as it is now when the module gave it (the 409's <c>current</c> on the
/// API), so a page can show it and start again from it without reading it again.</param>
public sealed record PageProblem(string Message, IReadOnlyDictionary<string, string[]> FieldErrors, bool IsConflict, object? Current = null)
{
    public static readonly IReadOnlyDictionary<string, string[]> NoFieldErrors = new Dictionary<string, string[]>();

    /// <summary>
    /// The refusal in one line: its field messages, or its message when it has none. A refusal told away from its
    /// form (<c>refusedAfterFormWent</c>) has no field to show them under.
    /// </summary>
    public string Reason => FieldErrors.Count > 0 ? string.Join(" ", FieldErrors.Values.SelectMany(m => m)) : Message;

    /// <summary>The refusals a user is told about; anything else is a fault of the portal.</summary>
    public static bool IsRefusal(Exception e)
        => ExceptionProblems.StatusCodeOf(e) < 500 || e is BlobStorageUnavailableException || ExceptionProblems.IsDatabaseBusy(e);

    /// <summary>
    /// What a page tells the user about refusal <paramref name="e"/>: the very text the API gives in its problem details,
    /// and, for invalid input, the messages of each field.
    /// </summary>
    /// <param name="readerTimeZone">The reader's time zone, for a time the refusal tells (the consortium's when null).</param>
    public static PageProblem Of(Exception e, IStringLocalizerFactory localizers, TimeZoneInfo? readerTimeZone = null)
    {
        var described = ExceptionProblems.Describe(e, localizers, includeExceptionDetails: false, readerTimeZone);
        var message = described.Detail ?? described.Title ?? "";
        return e switch
        {
            RequestValidationException invalid => new PageProblem(described.Title ?? message, invalid.Errors, IsConflict: false),
            ConcurrencyConflictException conflict => new PageProblem(message, NoFieldErrors, IsConflict: true, conflict.Current),
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => new PageProblem(message, NoFieldErrors, IsConflict: true),
            _ => new PageProblem(message, NoFieldErrors, IsConflict: false),
        };
    }
}
