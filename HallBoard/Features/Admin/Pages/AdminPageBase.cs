using HallBoard.Components.Shared;
using HallBoard.Domain;
using HallBoard.Features.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace HallBoard.Features.Admin.Pages;

/// <summary>The admin pages' common part: the signed-in actor; commands run through <see cref="CommandPageBase"/> (on
/// success reloads and says so, on refusal shows the reason and keeps what was typed).</summary>
public abstract class AdminPageBase : CommandPageBase
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    protected Actor Me { get; private set; } = new("anonymous", "匿名");

    protected override async Task OnInitializedAsync()
    {
        Me = (await Auth).User.ToActor();
        await LoadAsync();
    }
}
