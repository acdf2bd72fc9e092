using HallBoard.Components.Shared;
using HallBoard.Domain;
using HallBoard.Features.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace HallBoard.Features.ServiceReports.Pages;

/// <summary>A report page: who is asking, and for which hall (their own; an admin without one picks a hall); its reads
/// and commands run through <see cref="CommandPageBase"/>.</summary>
public abstract class ReportPageBase : CommandPageBase
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    [Inject] protected ReportHalls Halls { get; set; } = default!;

    [Inject] protected HallBoard.Hosting.HallTime Time { get; set; } = default!;

    protected Actor Me { get; private set; } = default!;

    protected int HallId { get; set; }

    /// <summary>The halls to pick from: every hall for an admin, its own and supervised ones for a Bureau account; empty otherwise.</summary>
    protected IReadOnlyList<ReportHalls.HallChoice> HallChoices { get; private set; } = [];

    /// <summary>Null for a user with a hall (the download links then need no hall).</summary>
    protected int? HallParameter => HallChoices.Count > 1 ? HallId : null;

    protected override async Task OnInitializedAsync()
    {
        Me = (await Auth).User.ToActor();
        HallId = await Halls.ForAsync(Me, null);
        HallChoices = await Halls.ChoicesAsync(Me);
        await LoadAsync();
    }

    protected abstract override Task LoadAsync();
}
