using HallBoard.Domain;
using HallBoard.Features.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace HallBoard.Features.Admin.Pages;

/// <summary>The admin pages' common part: the signed-in actor, and a command run that shows the service's message.</summary>
public abstract class AdminPageBase : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    protected Actor Me { get; private set; } = new("anonymous", "匿名");
    protected string? Error { get; private set; }
    protected IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    protected bool Busy { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        Me = (await Auth).User.ToActor();
        await LoadAsync();
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected string? ErrorOf(string field) => Errors.TryGetValue(field, out var m) ? string.Join("；", m) : null;

    /// <summary>Runs a command; on success reloads and says so, on refusal shows the reason and keeps what was typed.</summary>
    protected async Task<bool> RunAsync(Func<Task> command, string done)
    {
        if (Busy) return false;
        (Busy, Error, Errors) = (true, null, new Dictionary<string, string[]>());
        try
        {
            await command();
            Snackbar.Add(done, Severity.Success);
            await LoadAsync();
            return true;
        }
        catch (ValidationFailedException invalid)
        {
            (Error, Errors) = (invalid.Message, invalid.Errors);
        }
        catch (HallBoardException refused)
        {
            Error = refused.Message;
        }
        finally
        {
            Busy = false;
        }
        return false;
    }
}
