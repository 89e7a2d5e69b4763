using System.Globalization;
using System.Text.Json;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Platform.Web;

/// <summary>What the portal tells a client about an exception: the status code and, in its language, what went wrong.</summary>
public static class ExceptionProblems
{
    public static int StatusCodeOf(Exception exception) => exception switch
    {
        DomainRuleException rule => rule.StatusCode,
        RequestValidationException => StatusCodes.Status400BadRequest,
        EntityNotFoundException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        ConcurrencyConflictException or DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
        // A unique key settled a race this request lost, where the code did not retry (UniqueWrites): the other was first.
        DbUpdateException unique when UniqueWrites.IsUniqueViolation(unique) => StatusCodes.Status409Conflict,
        InvalidBlobNameException => StatusCodes.Status400BadRequest,
        BlobAlreadyExistsException or BlobConditionFailedException => StatusCodes.Status409Conflict,
        BlobStorageUnavailableException => StatusCodes.Status503ServiceUnavailable,
        BadHttpRequestException bad => bad.StatusCode,
        _ when IsDatabaseBusy(exception) || IsDatabaseUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>
    /// SQLite's single writer stayed busy past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED), here or in what EF wrapped:
    /// under a burst of writes a transaction could not start. Nothing was changed, and the same request succeeds a moment
    /// later, so the client is told to retry (503 with Retry-After), not that the portal failed (500).
    /// </summary>
    public static bool IsDatabaseBusy(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
            {
                return true;
            }
        }
        return false;
    }

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>Seconds a client waits before it sends a request refused with 503 for a busy database again.</summary>
    public const int BusyRetryAfterSeconds = 1;

    /// <summary>
    /// The database could not be reached (refused, reset, timed out: what the provider calls transient), here or in what
    /// EF wrapped: the request failed for the server's sake, and the same request may succeed once the database is back.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException { IsTransient: true })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The problem details of <paramref name="exception"/> in the current UI culture. Only the portal's own exceptions
    /// say what happened; anything else is an unexpected error whose details stay in the log (and, in Development,
    /// in the <c>exception</c> member).
    /// </summary>
    /// <param name="readerTimeZone">The reader's time zone, in which a time among a refusal's arguments is told (the
    /// consortium's, Europe/Belgrade, when null).</param>
    public static ProblemDetails Describe(Exception exception, IStringLocalizerFactory localizers, bool includeExceptionDetails, TimeZoneInfo? readerTimeZone = null)
    {
        var text = localizers.Create(typeof(PlatformResource));
        var status = StatusCodeOf(exception);
        var problem = exception is RequestValidationException invalid
            ? new HttpValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value)) { Status = status }
            : new ProblemDetails { Status = status };
        switch (exception)
        {
            case RequestValidationException:
                problem.Title = text["Problem.Validation.Title"];
                break;
            case DomainRuleException rule:
                problem.Title = text["Problem.DomainRule.Title"];
                problem.Detail = localizers.Create(rule.LocalizationResource)[rule.MessageKey, ForReader(rule.Arguments, readerTimeZone)];
                problem.Extensions["code"] = rule.MessageKey;
                break;
            case EntityNotFoundException notFound:
                problem.Title = text["Problem.NotFound.Title"];
                problem.Detail = text["Problem.EntityNotFound.Detail"];
                problem.Extensions["entityType"] = notFound.EntityType;
                problem.Extensions["id"] = notFound.Id.ToString();
                break;
            case ForbiddenException:
                problem.Title = text["Problem.Forbidden.Title"];
                problem.Detail = text["Problem.Forbidden.Detail"];
                break;
            case ConcurrencyConflictException or DbUpdateConcurrencyException:
                problem.Title = text["Problem.Conflict.Title"];
                problem.Detail = text["Problem.ConcurrencyConflict.Detail"];
                if (exception is ConcurrencyConflictException conflict)
                {
                    // A stable code per kind of item ("Workspace.Stale"), so a client can tell a stale write from other 409s.
                    problem.Extensions["code"] = StaleCode(conflict.EntityType);
                }
                if (exception is ConcurrencyConflictException { Current: { } current })
                {
                    problem.Extensions["current"] = current; // what the item is now, so the client can retry without a read
                }
                break;
            case DbUpdateException unique when UniqueWrites.IsUniqueViolation(unique):
                problem.Title = text["Problem.Conflict.Title"];
                problem.Detail = text["Problem.Conflict.Detail"];
                problem.Extensions["code"] = "Unique";
                break;
            case InvalidBlobNameException invalidName:
                problem.Title = text["Problem.BadRequest.Title"];
                problem.Detail = text["Problem.InvalidBlobName.Detail", invalidName.BlobName];
                break;
            case BlobAlreadyExistsException:
                problem.Title = text["Problem.Conflict.Title"];
                problem.Detail = text["Problem.BlobAlreadyExists.Detail"];
                break;
            case BlobConditionFailedException:
                problem.Title = text["Problem.Conflict.Title"];
                problem.Detail = text["Problem.BlobConditionFailed.Detail"];
                break;
            case BlobStorageUnavailableException:
                problem.Title = text["Problem.ServiceUnavailable.Title"];
                problem.Detail = text["Problem.BlobStorageUnavailable.Detail"];
                break;
            case var _ when IsDatabaseBusy(exception):
                problem.Title = text["Problem.ServiceUnavailable.Title"];
                problem.Detail = text["Problem.DatabaseBusy.Detail"];
                break;
            case var _ when IsDatabaseUnavailable(exception):
                problem.Title = text["Problem.ServiceUnavailable.Title"];
                problem.Detail = text["Problem.DatabaseUnavailable.Detail"];
                break;
            case BadHttpRequestException bad when FindJsonError(bad) is { } json:
                problem.Title = text["Problem.BadRequest.Title"];
                problem.Detail = text["Problem.MalformedJson.Detail", json.Message];
                break;
            case BadHttpRequestException bad:
                problem.Title = text["Problem.BadRequest.Title"];
                // The framework writes these messages for clients ("Required parameter ... was not provided").
                problem.Detail = bad.Message;
                break;
            default:
                problem.Title = text["Problem.Unexpected.Title"];
                problem.Detail = text["Problem.Unexpected.Detail"];
                break;
        }
        if (includeExceptionDetails)
        {
            problem.Extensions["exception"] = exception.ToString();
        }
        return problem;
    }

    /// <summary>
    /// A refusal's arguments as the reader reads them: a <see cref="DateTime"/> is a UTC instant (as the portal stores
    /// them), told on the reader's clock in the current culture, never as a raw UTC stamp.
    /// </summary>
    public static object[] ForReader(object[] arguments, TimeZoneInfo? readerTimeZone) => arguments
        .Select(argument => argument is DateTime utc
            ? TimeZoneInfo.ConvertTimeFromUtc(UserTimeZone.AsUtc(utc), readerTimeZone ?? UserTimeZone.Resolve(null)).ToString("g", CultureInfo.CurrentCulture)
            : argument)
        .ToArray();

    /// <summary>The <c>code</c> of a stale write of <paramref name="entityType"/>: "Workspace.Stale".</summary>
    public static string StaleCode(string entityType) => entityType + ".Stale";

    private static JsonException? FindJsonError(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }
        return null;
    }

    /// <summary>
    /// Runs <paramref name="action"/> in the request's culture. Error handlers run outside the localization
    /// middleware (they wrap it), so the culture it chose does not flow back to them.
    /// </summary>
    public static T InRequestCulture<T>(HttpContext httpContext, Func<T> action)
    {
        var requestCulture = httpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture;
        if (requestCulture is null)
        {
            return action();
        }
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = requestCulture.Culture;
        CultureInfo.CurrentUICulture = requestCulture.UICulture;
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}

/// <summary>
/// Turns an exception of an API request into RFC 7807 problem details. Page requests are left to the error page
/// (the exception handler's path), which the status code of <see cref="ExceptionProblems.StatusCodeOf"/> reaches too.
/// </summary>
internal sealed class PortalExceptionHandler(IProblemDetailsService problemDetails, IStringLocalizerFactory localizers, IHostEnvironment environment)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // By now the request's path is the error page's; the feature keeps the one that failed.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        var problem = ExceptionProblems.InRequestCulture(httpContext,
            () => ExceptionProblems.Describe(exception, localizers, includeExceptionDetails: environment.IsDevelopment(),
                httpContext.RequestServices.GetService<UserTimeZone>()?.TimeZone));
        if (!PortalRequests.IsApi(path))
        {
            if (problem.Status >= StatusCodes.Status500InternalServerError
                || HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method))
            {
                return false; // the error or not-found page
            }
            // A refused page request (a form posted without its antiforgery token, say) cannot be re-executed as a
            // page: a re-executed POST would be refused again. The user gets the refusal in their language.
            httpContext.Response.StatusCode = problem.Status!.Value;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            var title = System.Net.WebUtility.HtmlEncode(problem.Title ?? "");
            var detail = System.Net.WebUtility.HtmlEncode(problem.Detail ?? "");
            await httpContext.Response.WriteAsync(
                $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>" +
                $"<body><h1>{title}</h1><p>{detail}</p><p><a href=\"/\">&#8592;</a></p></body></html>", cancellationToken);
            return true;
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        if (ExceptionProblems.IsDatabaseBusy(exception))
        {
            httpContext.Response.Headers.RetryAfter = ExceptionProblems.BusyRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}
