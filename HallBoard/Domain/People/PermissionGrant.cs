namespace HallBoard.Domain.People;

public enum GrantSubject { Account, ApiKey }

public enum GrantState { Requested, Approved, Refused, Revoked }

/// <summary>
/// A change of rights (应用权限授权审批): an account's role and hall, or an API key's hall, all-halls binding and
/// scopes. One person requests it; it takes effect only when a second, different Admin approves it. Nobody
/// approves their own request or a grant about their own account.
/// </summary>
public sealed class PermissionGrant
{
    public const string ApproverRole = "Admin";
    public const int MaxReason = 200;

    public int Id { get; set; }
    public GrantSubject Subject { get; set; }
    public string? UserId { get; set; }
    public int? ApiKeyId { get; set; }
    public required string SubjectName { get; set; }

    /// <summary>The role the account gets (accounts only; null keeps the role).</summary>
    public string? Role { get; set; }

    /// <summary>The hall the account or key is bound to (null keeps it, except a key granted all halls).</summary>
    public int? HallId { get; set; }
    /// <summary>The further halls a Bureau account supervises after approval, as hall ids "1,3" ("" = none; null keeps them).</summary>
    public string? SupervisedHalls { get; set; }
    public bool KeyAllHalls { get; set; }
    public string? KeyScopes { get; set; }

    /// <summary>What the subject had before approval, restored on revocation.</summary>
    public string? BeforeRole { get; set; }
    public int? BeforeHallId { get; set; }
    public bool BeforeAllHalls { get; set; }
    public string? BeforeScopes { get; set; }
    public string? BeforeSupervisedHalls { get; set; }

    public required string Reason { get; set; }
    public required string RequestedById { get; set; }
    public required string RequestedByName { get; set; }
    public DateTime RequestedUtc { get; set; }

    public GrantState State { get; set; }
    public string? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedUtc { get; set; }
    public string? RevokedByName { get; set; }
    public DateTime? RevokedUtc { get; set; }

    public static PermissionGrant ForAccount(string userId, string userName, string? role, int? hallId, string? reason, Actor requester, DateTime now,
        string? supervisedHalls = null)
    {
        requester.RequireRole(ApproverRole);
        if (role is null && hallId is null && supervisedHalls is null)
            throw ValidationFailedException.For("role", "请至少选择要授予的角色、服务厅或监管的服务厅。");
        return New(GrantSubject.Account, userName, reason, requester, now,
            g => (g.UserId, g.Role, g.HallId, g.SupervisedHalls) = (userId, role, hallId, supervisedHalls));
    }

    public static PermissionGrant ForApiKey(int keyId, string keyName, int? hallId, bool allHalls, string scopes, string? reason, Actor requester, DateTime now)
    {
        requester.RequireRole(ApproverRole);
        if (!allHalls && hallId is null) throw ValidationFailedException.For("hallId", "请选择密钥绑定的服务厅，或申请全部服务厅。");
        return New(GrantSubject.ApiKey, keyName, reason, requester, now,
            g => (g.ApiKeyId, g.HallId, g.KeyAllHalls, g.KeyScopes) = (keyId, allHalls ? null : hallId, allHalls, scopes));
    }

    private static PermissionGrant New(GrantSubject subject, string name, string? reason, Actor requester, DateTime now, Action<PermissionGrant> fill)
    {
        var r = (reason ?? "").Trim();
        if (r.Length is < 2 or > MaxReason) throw ValidationFailedException.For("reason", $"请填写申请理由（2-{MaxReason} 字）。");
        if (TextRules.HasMarkup(r)) throw ValidationFailedException.For("reason", "申请理由" + TextRules.MarkupMessage);
        var grant = new PermissionGrant
        {
            Subject = subject, SubjectName = name, Reason = r, RequestedById = requester.Id, RequestedByName = requester.Name,
            RequestedUtc = now, State = GrantState.Requested,
        };
        fill(grant);
        return grant;
    }

    public void Approve(Actor approver, DateTime now)
    {
        RequireOpen();
        approver.RequireRole(ApproverRole);
        if (approver.Id == RequestedById) throw new GrantRuleException("不能审批自己提出的授权申请，须由另一位管理员审批。");
        if (Subject == GrantSubject.Account && approver.Id == UserId) throw new GrantRuleException("不能审批与本人账号有关的授权申请。");
        (State, DecidedById, DecidedByName, DecidedUtc) = (GrantState.Approved, approver.Id, approver.Name, now);
    }

    public void Refuse(Actor decider, DateTime now)
    {
        RequireOpen();
        decider.RequireRole(ApproverRole);
        if (Subject == GrantSubject.Account && decider.Id == UserId) throw new GrantRuleException("不能处理与本人账号有关的授权申请。");
        (State, DecidedById, DecidedByName, DecidedUtc) = (GrantState.Refused, decider.Id, decider.Name, now);
    }

    /// <summary>Takes an approved grant back; the subject returns to what it had before.</summary>
    public void Revoke(Actor actor, DateTime now)
    {
        actor.RequireRole(ApproverRole);
        if (State != GrantState.Approved) throw new GrantRuleException("只能撤销已批准的授权。");
        (State, RevokedByName, RevokedUtc) = (GrantState.Revoked, actor.Name, now);
    }

    private void RequireOpen()
    {
        if (State != GrantState.Requested) throw new GrantRuleException("该申请已处理，不能重复审批。");
    }

    /// <summary>The requested change in words, for lists and the audit log.</summary>
    public string Change(Func<string, string> roleLabel, Func<int?, string> hallLabel) => Subject == GrantSubject.Account
        ? string.Join("，", new[]
        {
            Role is null ? null : $"角色 {roleLabel(Role)}", HallId is null ? null : $"服务厅 {hallLabel(HallId)}",
            SupervisedHalls is null ? null : $"监管服务厅 {HallList(SupervisedHalls, hallLabel)}",
        }.OfType<string>())
        : $"{(KeyAllHalls ? "全部服务厅" : $"服务厅 {hallLabel(HallId)}")}，范围 {KeyScopes}";

    private static string HallList(string halls, Func<int?, string> hallLabel)
    {
        var ids = halls.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(h => int.TryParse(h, out var id) ? id : 0).Where(id => id > 0).ToList();
        return ids.Count == 0 ? "无" : string.Join("、", ids.Select(id => hallLabel(id)));
    }
}

public sealed class GrantRuleException(string message) : HallBoardException(message);
