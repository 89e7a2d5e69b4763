using System.Globalization;
using System.Text;
using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Meetings.Domain;

/// <summary>
/// A decision taken at a meeting, numbered per workspace and year ("F-2027-014"); a unique key on the number makes
/// two decisions recorded at once take different numbers.
/// </summary>
public sealed class Decision : AggregateRoot<Guid>, IAuditedEntity
{
    private Decision() { }

    public static Decision Record(Guid workspaceId, Guid meetingId, Guid? agendaItemId, string prefix, int year, int number, string text, DateTime decidedAtUtc)
    {
        var decision = new Decision
        {
            Id = Guid.CreateVersion7(),
            WorkspaceId = workspaceId,
            MeetingId = meetingId,
            AgendaItemId = agendaItemId,
            Year = year,
            Number = number,
            Code = Format(prefix, year, number),
            Text = text,
            DecidedAtUtc = decidedAtUtc,
        };
        decision.SearchText = SearchFold(decision.Code + " " + text);
        decision.Raise(new DecisionRecorded(decision.Id, workspaceId, meetingId, decision.Code));
        return decision;
    }

    public static string Format(string prefix, int year, int number) => $"{prefix}-{year}-{number:D3}";

    public Guid WorkspaceId { get; private set; }
    public Guid MeetingId { get; private set; }
    public Guid? AgendaItemId { get; private set; }
    public int Year { get; private set; }
    public int Number { get; private set; }
    public string Code { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTime DecidedAtUtc { get; private set; }

    /// <summary>
    /// The code and the text folded once, when recorded (<see cref="SearchFold"/>): the register's search compares the
    /// folded term with this column alone, instead of lower-casing every decision's text and code on every search (two
    /// scans per search, the count and the page, each folding all of them), and "kostic" finds "Kostić".
    /// </summary>
    public string SearchText { get; private set; } = "";

    /// <summary>Lower case without accents, đ as dj: how the register's search compares words.</summary>
    public static string SearchFold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant().Replace("đ", "dj").Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }
}

/// <summary>Something someone agreed at a meeting to do by a date; followed until closed with a note.</summary>
public sealed class ActionItem : AggregateRoot<Guid>, IAuditedEntity
{
    private ActionItem() { }

    public static ActionItem Assign(Guid workspaceId, Guid meetingId, Guid? agendaItemId, string what, Guid ownerId, DateOnly due)
        => new()
        {
            Id = Guid.CreateVersion7(),
            WorkspaceId = workspaceId,
            MeetingId = meetingId,
            AgendaItemId = agendaItemId,
            What = what,
            OwnerId = ownerId,
            Due = due,
            Status = ActionItemStatus.Open,
        };

    public Guid WorkspaceId { get; private set; }
    public Guid MeetingId { get; private set; }
    public Guid? AgendaItemId { get; private set; }
    public string What { get; private set; } = "";
    public Guid OwnerId { get; private set; }
    public DateOnly Due { get; private set; }
    public ActionItemStatus Status { get; private set; }
    public string? ClosingNote { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }
    public Guid? ClosedBy { get; private set; }
    /// <summary>The day the owner was last reminded, so the daily reminder goes out once.</summary>
    public DateOnly? RemindedOn { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public void Close(Guid actorId, string? note, DateTime nowUtc)
    {
        if (Status == ActionItemStatus.Done)
        {
            throw new DomainRuleException("ActionItem.AlreadyClosed", typeof(MeetingsResource));
        }
        Status = ActionItemStatus.Done;
        ClosingNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ClosedAtUtc = nowUtc;
        ClosedBy = actorId;
    }
}

/// <summary>
/// The rule of a series; its meetings are made up front (a series always ends within two years), each keeping its
/// own changes. "This and following" splits the rule at the meeting changed.
/// </summary>
public sealed class MeetingSeries : AggregateRoot<Guid>, IAuditedEntity
{
    private MeetingSeries() { }

    public static MeetingSeries Define(Guid workspaceId, SeriesRule rule, DateOnly first)
        => new()
        {
            Id = Guid.CreateVersion7(),
            WorkspaceId = workspaceId,
            Frequency = rule.Frequency,
            Interval = rule.Interval,
            Until = rule.Until,
            Count = rule.Count,
            FirstDay = first,
            Exceptions = rule.Exceptions.ToList(),
        };

    public Guid WorkspaceId { get; private set; }
    public SeriesFrequency Frequency { get; private set; }
    public int Interval { get; private set; }
    public DateOnly FirstDay { get; private set; }
    public DateOnly? Until { get; private set; }
    public int? Count { get; private set; }
    public List<DateOnly> Exceptions { get; private set; } = [];

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public void AddException(DateOnly day)
    {
        if (!Exceptions.Contains(day))
        {
            Exceptions.Add(day);
        }
    }
}

/// <summary>A user's personal calendar feed: only the hash of its secret is kept, so the table cannot be used to read feeds.</summary>
public sealed class CalendarFeed
{
    private CalendarFeed() { }

    public CalendarFeed(Guid userId, string tokenHash, DateTime createdAtUtc)
    {
        UserId = userId;
        TokenHash = tokenHash;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid UserId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    public void Renew(string tokenHash, DateTime nowUtc)
    {
        TokenHash = tokenHash;
        CreatedAtUtc = nowUtc;
    }
}
