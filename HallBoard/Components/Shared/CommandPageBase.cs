using HallBoard.Domain;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HallBoard.Components.Shared;

/// <summary>A page that runs commands: one at a time, its Chinese refusal shown beside the form (nothing saved), or a
/// short confirmation and a fresh read.</summary>
public abstract class CommandPageBase : ComponentBase
{
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    protected string? Error { get; set; }
    protected bool Busy { get; private set; }

    protected abstract Task LoadAsync();

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
