using HallBoard.Components.Shared;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.ServiceReports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace HallBoard.Features.Staffing.Pages;

/// <summary>What the staffing pages share: the signed-in actor and its hall (an admin, who has none of their own, picks
/// one), and running a command with its Chinese error shown beside the form (nothing saved) or a short confirmation.</summary>
public abstract class StaffingPageBase : CommandPageBase
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private ReportHalls Halls { get; set; } = default!;

    protected Actor? Actor { get; private set; }
    protected int? HallId { get; private set; }

    /// <summary>The halls an all-halls actor (or a Bureau account: its home and supervised ones) chooses from; empty for everyone else.</summary>
    protected IReadOnlyList<ReportHalls.HallChoice> HallChoices { get; private set; } = [];

    protected override async Task OnInitializedAsync()
    {
        Actor = (await Auth).User.ToActor();
        await ChangeHallAsync(null);
    }

    /// <summary>The actor's own hall, or for an admin the one asked for (the first when none is).</summary>
    protected async Task ChangeHallAsync(int? requested)
    {
        await RunAsync(async () =>
        {
            HallId = await Halls.ForAsync(Actor!, requested);
            if (HallChoices.Count == 0) HallChoices = await Halls.ChoicesAsync(Actor!);
            await LoadAsync();
        });
    }

    /// <summary>The engineer a form had chosen if they are in the hall's list (the hall may have changed), else the first.</summary>
    protected static int StillListedOrFirst(int engineerId, IReadOnlyList<StaffMember> engineers) =>
        engineers.Any(e => e.Id == engineerId) ? engineerId : engineers.FirstOrDefault()?.Id ?? 0;
}
