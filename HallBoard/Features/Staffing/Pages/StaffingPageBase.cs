using HallBoard.Domain;
using HallBoard.Features.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace HallBoard.Features.Staffing.Pages;

/// <summary>What the staffing pages share: the signed-in actor and its hall, and running a command with its
/// Chinese error shown beside the form (nothing saved) or a short confirmation.</summary>
public abstract class StaffingPageBase : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    protected Actor? Actor { get; private set; }
    protected int? HallId => Actor?.HallId;
    protected string? Error { get; set; }
    protected bool Busy { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        Actor = (await Auth).User.ToActor();
        if (HallId is null)
        {
            Error = Domain.Actor.NoHallMessage;
            return;
        }
        await RunAsync(LoadAsync);
    }

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
