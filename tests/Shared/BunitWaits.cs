using System.Runtime.CompilerServices;
using Bunit;

namespace Consortium.Portal.Tests;

/// <summary>
/// bUnit's WaitForElement, WaitForAssertion and WaitForState give up after one second unless told otherwise. On a
/// loaded two-core machine a render after a click can take longer (the definitions page's JSON import test failed so
/// once in a full run of its project), so every component test project waits as long as <see cref="Eventually"/>
/// does: the wait still ends as soon as its condition holds. Linked into the projects that use bUnit.
/// </summary>
internal static class BunitWaits
{
#pragma warning disable CA2255 // a test assembly's own start-up: nothing else loads it
    [ModuleInitializer]
    internal static void WaitAsLongAsEventually() => BunitContext.DefaultWaitTimeout = Eventually.DefaultTimeout;
#pragma warning restore CA2255
}
