using Microsoft.JSInterop;

namespace Consortium.Portal.Documents.Tests.Components;

/// <summary>
/// bUnit's JavaScript runtime whose imported modules refuse every call once disposed, as Blazor's do (an
/// <see cref="ObjectDisposedException"/>, which ends a circuit when nothing catches it): a tab left during a save
/// disposes its module before the save ends. <see cref="Disposed"/> counts the modules disposed so far.
/// </summary>
internal sealed class ModulesGoneWithTheirTab(IJSRuntime inner) : IJSRuntime
{
    public int Disposed { get; private set; }

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
        => InvokeAsync<TValue>(identifier, CancellationToken.None, args);

    public async ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
    {
        var value = await inner.InvokeAsync<TValue>(identifier, cancellationToken, args);
        return identifier == "import" && value is IJSObjectReference module ? (TValue)(object)new Module(module, this) : value;
    }

    private sealed class Module(IJSObjectReference inner, ModulesGoneWithTheirTab runtime) : IJSObjectReference
    {
        private bool _disposed;

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
            => InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return inner.InvokeAsync<TValue>(identifier, cancellationToken, args);
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed) return;
            _disposed = true;
            runtime.Disposed++;
            await inner.DisposeAsync();
        }
    }
}
