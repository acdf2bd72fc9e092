using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Satisfaction;

/// <summary>
/// POST /account/unlock: the engineer types their password to take the tablet back from the taxpayer. Failures
/// count toward the account's lockout (5, as at sign-in), so a taxpayer cannot guess their way out of the rating
/// page; every attempt is audited, and a locked account keeps the tablet on the rating page.
/// </summary>
public static class TabletUnlock
{
    public const string Failed = "平板解锁失败";
    public const string Unlocked = "平板解锁";

    public static async Task<IResult> UnlockAsync(HttpContext ctx, [FromForm] string? password, UserManager<HallUser> users,
        IDbContextFactory<HallDbContext> dbFactory, HallTime time)
    {
        var token = SatisfactionEndpoints.LockedToken(ctx);
        var user = await users.GetUserAsync(ctx.User);
        if (user is null) return Results.Redirect(token is null ? "/" : $"/rate/{token}?unlock=failed");
        var back = token is null ? "/" : $"/rate/{token}";

        string outcome;
        string? code;
        if (await users.IsLockedOutAsync(user))
            (outcome, code) = ("账户已锁定，未检查密码", "locked");
        else if (!string.IsNullOrEmpty(password) && await users.CheckPasswordAsync(user, password))
        {
            await users.ResetAccessFailedCountAsync(user);
            (outcome, code) = ("成功", null);
        }
        else
        {
            await users.AccessFailedAsync(user);
            var locked = await users.IsLockedOutAsync(user);
            var count = await users.GetAccessFailedCountAsync(user);
            (outcome, code) = locked ? ("密码错误，账户已锁定", "locked") : ($"密码错误（连续第 {count} 次）", "failed");
        }

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var actor = new Actor(user.Id, user.DisplayName, user.EngineerId, user.HallId);
            db.Audit(actor, time.UtcNow, code is null ? Unlocked : Failed, "User", user.UserName, ClientAddress.Of(ctx), outcome);
            await db.SaveChangesAsync();
        }
        if (code is not null) return Results.Redirect(token is null ? "/" : $"{back}?unlock={code}");
        ctx.Response.Cookies.Delete(SatisfactionEndpoints.HandoverCookie);
        return Results.Redirect("/");
    }
}

/// <summary>Why a hand-over failed, as a fixed code the ticket page maps to a fixed sentence.</summary>
public static class HandoverError
{
    public static string CodeOf(HallBoardException error) => error switch
    {
        TicketRuleException { Rule: TicketRule.AlreadyRated } => "rated",
        TicketRuleException => "state",
        NotFoundException => "missing",
        _ => "handover",
    };

    public static string? TextOf(string? code) => code switch
    {
        "rated" => "该工单已评价，不能重复评价。",
        "state" => "工单当前状态不能发起评价，请先解决工单。",
        "missing" => "工单不存在。",
        "handover" => "无法将平板交给纳税人评价，请刷新后重试。",
        _ => null,
    };
}
