using Consortium.Portal.Meetings.Components;

namespace Consortium.Portal.Meetings.Tests;

public sealed class UnsavedChoicesTests
{
    private static readonly Guid Ana = Guid.NewGuid(), Besa = Guid.NewGuid(), Dusan = Guid.NewGuid();

    [Fact]
    public void A_reload_keeps_the_marks_made_here_and_takes_every_other_from_the_meeting_as_loaded()
    {
        // Loaded: Ana in person. Marked here, not saved: Besa online, Ana's mark removed. Then another organiser saves
        // Dusan online and Ana online, and the page reloads.
        var loadedBefore = new Dictionary<Guid, AttendanceMode> { [Ana] = AttendanceMode.InPerson };
        var mine = new Dictionary<Guid, AttendanceMode> { [Besa] = AttendanceMode.Online };
        var loadedNow = new Dictionary<Guid, AttendanceMode> { [Ana] = AttendanceMode.Online, [Dusan] = AttendanceMode.Online };

        var merged = UnsavedChoices.Merge(mine, loadedBefore, loadedNow);

        Assert.Equal(new Dictionary<Guid, AttendanceMode> { [Besa] = AttendanceMode.Online, [Dusan] = AttendanceMode.Online }, merged);
    }

    [Fact]
    public void With_nothing_changed_here_a_reload_shows_the_meeting_as_loaded()
    {
        var loadedBefore = new Dictionary<Guid, AttendanceMode> { [Ana] = AttendanceMode.InPerson };
        var loadedNow = new Dictionary<Guid, AttendanceMode> { [Besa] = AttendanceMode.Online };

        Assert.Equal(loadedNow, UnsavedChoices.Merge(new Dictionary<Guid, AttendanceMode>(loadedBefore), loadedBefore, loadedNow));
        Assert.Equal(loadedNow, UnsavedChoices.Merge(new Dictionary<Guid, AttendanceMode>(), new Dictionary<Guid, AttendanceMode>(), loadedNow));
    }

    [Theory]
    [InlineData(4, 3, 5, 4)]       // changed here from 3 to 4: kept over the 5 loaded
    [InlineData(3, 3, 5, 5)]       // not changed here: the 5 loaded
    [InlineData(null, 3, 5, null)] // cleared here: stays cleared
    [InlineData(null, null, 2, 2)] // the first load
    public void A_count_changed_here_is_kept_and_an_untouched_one_follows_the_meeting(int? mine, int? loadedBefore, int? loadedNow, int? expected)
        => Assert.Equal(expected, UnsavedChoices.Merge(mine, loadedBefore, loadedNow));
}
