using Consortium.Portal.Platform.Components;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Consortium.Portal.Platform.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Platform.Tests.Web;

/// <summary>
/// A write that could not start because SQLite's one writer stayed busy (a burst of submits) is a 503 to retry, with the
/// reason in words, and a page tells the user so, rather than an unexpected error (a 500 in the bench's burst).
/// </summary>
public sealed class DatabaseBusyProblemTests
{
    private static readonly EmbeddedJsonLocalizerFactory Texts = new();

    public static TheoryData<Exception> Busy() =>
    [
        new SqliteException("SQLite Error 5: 'database is locked'.", 5),
        new SqliteException("SQLite Error 6: 'database table is locked'.", 6),
        new DbUpdateException("An error occurred while saving the entity changes.", new SqliteException("SQLite Error 5: 'database is locked'.", 5)),
        new InvalidOperationException("The transaction could not start.", new SqliteException("SQLite Error 5: 'database is locked'.", 5)),
    ];

    [Theory]
    [MemberData(nameof(Busy))]
    public void A_busy_database_is_a_503_that_says_to_try_again_and_a_refusal_a_page_tells(Exception busy)
    {
        var problem = ExceptionProblems.Describe(busy, Texts, includeExceptionDetails: false);

        Assert.Equal(503, ExceptionProblems.StatusCodeOf(busy));
        Assert.Equal(503, problem.Status);
        Assert.Equal("The portal is busy with other changes right now; nothing was changed. Try again in a moment.", problem.Detail);
        Assert.True(PageProblem.IsRefusal(busy));
    }

    [Fact]
    public void Other_sqlite_errors_stay_faults_of_the_portal()
    {
        var corrupt = new SqliteException("SQLite Error 11: 'database disk image is malformed'.", 11);

        Assert.False(ExceptionProblems.IsDatabaseBusy(corrupt));
        Assert.Equal(500, ExceptionProblems.StatusCodeOf(corrupt));
        Assert.False(PageProblem.IsRefusal(corrupt));
    }
}
