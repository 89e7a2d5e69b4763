namespace Consortium.Portal.Meetings.Domain;

/// <summary>The agenda's planned time against the meeting's length.</summary>
public static class AgendaTiming
{
    public static AgendaTimingDto Of(IEnumerable<int> itemMinutes, TimeSpan meetingLength)
    {
        var offsets = new List<int>();
        var total = 0;
        foreach (var minutes in itemMinutes)
        {
            offsets.Add(total);
            total += minutes;
        }
        var length = (int)Math.Round(meetingLength.TotalMinutes);
        return new AgendaTimingDto(total, length, Math.Max(0, total - length), offsets);
    }
}
