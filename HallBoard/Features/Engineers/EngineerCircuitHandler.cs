using HallBoard.Features.Account;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace HallBoard.Features.Engineers;

/// <summary>An engineer's tablet is there while its circuit is connected: this tells <see cref="EngineerPresence"/>,
/// and the first connection brings an offline engineer back on duty.</summary>
public sealed class EngineerCircuitHandler(
    AuthenticationStateProvider auth, EngineerPresence presence, EngineerStatusBook statuses, ILogger<EngineerCircuitHandler> logger)
    : CircuitHandler
{
    private int? _engineerId;
    private bool _up;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_up) return;
        _engineerId ??= await EngineerIdAsync();
        if (_engineerId is not int id) return;
        _up = true;
        if (!presence.Connected(id)) return;
        try
        {
            await statuses.ArrivedAsync(id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not record that engineer {EngineerId} is back", id);
        }
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Down();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Down();
        return Task.CompletedTask;
    }

    private void Down()
    {
        if (!_up || _engineerId is not int id) return;
        _up = false;
        presence.Disconnected(id);
    }

    private async Task<int?> EngineerIdAsync()
    {
        try
        {
            var user = (await auth.GetAuthenticationStateAsync()).User;
            return user.Identity?.IsAuthenticated == true ? user.ToActor().EngineerId : null;
        }
        catch (InvalidOperationException)
        {
            return null; // no authentication state in this circuit
        }
    }
}
