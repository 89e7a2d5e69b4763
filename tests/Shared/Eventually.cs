using System.Diagnostics;

namespace Consortium.Portal.Tests;

/// <summary>
/// Waits for a condition instead of for a fixed time: the test goes on as soon as the condition holds, and on a loaded
/// machine it still waits long enough. Linked into every test project that waits for something (tests/Shared).
/// </summary>
public static class Eventually
{
    /// <summary>Generous on purpose: a two-core machine running five builds takes seconds for what takes milliseconds alone.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Asks <paramref name="probe"/> again until <paramref name="done"/> holds for its answer, which it returns.</summary>
    /// <param name="what">What is awaited, for the failure message ("the e-mail to ana@…").</param>
    /// <param name="describe">What the last answer was, for the failure message.</param>
    public static async Task<T> GetAsync<T>(
        Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, Func<T, string>? describe = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var waited = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var answer = await probe();
            if (done(answer))
            {
                return answer;
            }
            if (waited.Elapsed > limit)
            {
                var last = describe is null ? "" : $" Last seen: {describe(answer)}.";
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what}, in vain.{last}");
            }
            // Soon at first, then less often, so a slow condition does not add load to a loaded machine.
            await Task.Delay(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMilliseconds(250).Ticks));
        }
    }

    /// <summary>Waits, blocking the thread, until <paramref name="condition"/> is true: for set-up that is not async.</summary>
    public static void True(Func<bool> condition, string what, TimeSpan? timeout = null)
        => TrueAsync(condition, what, timeout).GetAwaiter().GetResult();

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
        => GetAsync(condition, held => held, what, timeout);

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
        => GetAsync(() => Task.FromResult(condition()), held => held, what, timeout);
}
