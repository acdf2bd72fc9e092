using HallBoard.Domain;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HallBoard.Components.Shared;

/// <summary>A page or panel that runs commands: one at a time (<see cref="Busy"/> disables its buttons), its Chinese
/// refusal kept in <see cref="Error"/> for a <c>CommandRefusal</c> beside the form (nothing saved), or a short
/// confirmation and a fresh read (<see cref="LoadAsync"/>).</summary>
public abstract class CommandPageBase : ComponentBase
{
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    protected string? Error { get; set; }
    protected bool Busy { get; private set; }

    /// <summary>Reads again after a confirmed command: a page re-queries, a panel tells its page (its OnChanged).</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected async Task<bool> RunAsync(Func<Task> command, string? done = null)
    {
        if (Busy) return false;
        Busy = true;
        Error = null;
        try
        {
            await command();
            if (done is not null)
            {
                Snackbar.Add(done, Severity.Success);
                await LoadAsync();
            }
            return true;
        }
        catch (HallBoardException ex)
        {
            Error = ex.Message;
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
