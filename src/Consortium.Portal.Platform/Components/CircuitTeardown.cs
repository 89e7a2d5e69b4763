using Microsoft.JSInterop;

namespace Consortium.Portal.Platform.Components;

/// <summary>
/// The exceptions a component's JavaScript calls throw when its circuit ends under them (the tab closed, navigated away
/// or lost its server): the browser is gone (<see cref="JSDisconnectedException"/>), the call was cancelled with the
/// circuit (<see cref="OperationCanceledException"/>, <see cref="TaskCanceledException"/>), or the circuit's services
/// were disposed meanwhile (<see cref="ObjectDisposedException"/>). Nobody is left to tell, so they are not errors.
/// </summary>
public static class CircuitTeardown
{
    public static bool IsCircuitGone(Exception e)
        => e is JSDisconnectedException or OperationCanceledException or ObjectDisposedException;
}
