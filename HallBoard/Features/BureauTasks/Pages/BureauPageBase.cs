using HallBoard.Components.Shared;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace HallBoard.Features.BureauTasks.Pages;

/// <summary>What the bureau pages share: the signed-in actor, the halls it sees (a bureau account its home and supervised
/// halls), a command run with its Chinese refusal shown beside the form (nothing saved), and reading again when a task
/// of a visible hall changes on any screen.</summary>
public abstract class BureauPageBase : CommandPageBase, IDisposable
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] protected BureauTaskQueries Queries { get; set; } = default!;
    [Inject] private HallFeed Feed { get; set; } = default!;

    private IDisposable? _subscription;

    protected Actor? Actor { get; private set; }
    protected IReadOnlyList<HallChoice> Halls { get; private set; } = [];

    protected override async Task OnInitializedAsync()
    {
        Actor = (await Auth).User.ToActor();
        try
        {
            Halls = await Queries.HallsAsync(Actor);
        }
        catch (HallBoardException ex)
        {
            Error = ex.Message;
            return;
        }
        _subscription = Feed.Subscribe(Heard);
        await RunAsync(LoadAsync);
    }

    private Task Heard(HallChange change)
    {
        if (change is not { Kind: HallChangeKind.LeadNotice, Notice.Kind: BureauTaskCommands.NoticeKind } || Actor?.CanSee(change.HallId) != true)
            return Task.CompletedTask;
        return InvokeAsync(async () =>
        {
            if (Busy) return;
            try { await LoadAsync(); }
            catch (HallBoardException) { return; }
            StateHasChanged();
        });
    }

    public void Dispose() => _subscription?.Dispose();
}
