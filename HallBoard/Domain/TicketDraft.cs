using HallBoard.Domain.Validation;

namespace HallBoard.Domain;

/// <summary>What intake (tablet or API) supplies for a new ticket.</summary>
public sealed record TicketDraft
{
    public string TaxpayerName { get; init; } = "";
    public string? TaxpayerId { get; init; }
    public string? TaxpayerPhone { get; init; }
    public Channel Channel { get; init; } = Channel.ETaxWeb;
    public Category Category { get; init; } = Category.Filing;
    public TicketKind Kind { get; init; } = TicketKind.Consultation;
    public Priority Priority { get; init; } = Priority.Normal;
    public string Description { get; init; } = "";
    /// <summary>引导: the taxpayer was guided to handle the business online (self-service, e-tax bureau, app).</summary>
    public bool GuidedOnline { get; init; }
    /// <summary>Whether the guided online handling succeeded; null while unknown.</summary>
    public bool? GuidanceSucceeded { get; init; }
    /// <summary>The item of the hall's guidance list the taxpayer was guided for, if chosen.</summary>
    public int? GuidanceItemId { get; init; }

    /// <summary>
    /// Checks every field and returns the normalised draft, or throws with a message per field.
    /// Field keys are camelCase so the API and the form share them. With <paramref name="today"/> (the hall's
    /// local day) a resident ID born after it is refused, as the intake form refuses it.
    /// </summary>
    public TicketDraft Validated(DateOnly? today = null)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        var name = TaxpayerName?.Trim() ?? "";
        if (name.Length == 0) Fail("taxpayerName", "请填写纳税人名称。");
        else if (name.Length > 100) Fail("taxpayerName", "纳税人名称最多 100 字。");
        else if (TextRules.NameProblem(name) is { } nameWhy) Fail("taxpayerName", "纳税人名称" + nameWhy);

        string? id = null;
        if (!string.IsNullOrWhiteSpace(TaxpayerId))
        {
            var check = Validation.TaxpayerId.Check(TaxpayerId, today);
            if (check.IsValid) id = check.Normalized;
            else Fail("taxpayerId", check.Error ?? "纳税人识别号无效。");
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(TaxpayerPhone))
        {
            var check = PhoneNumber.Check(TaxpayerPhone);
            if (check.IsValid) phone = check.Normalized;
            else Fail("taxpayerPhone", check.Error ?? "联系电话格式不正确。");
        }

        if (!Enum.IsDefined(Channel)) Fail("channel", "渠道无效。");
        if (!Enum.IsDefined(Category)) Fail("category", "业务类别无效。");
        if (!Enum.IsDefined(Kind)) Fail("kind", "服务类型无效。");
        if (!Enum.IsDefined(Priority)) Fail("priority", "优先级无效。");

        var description = Description?.Trim() ?? "";
        if (description.Length == 0) Fail("description", "请填写问题描述。");
        else if (description.Length > Ticket.MaxText) Fail("description", $"问题描述最多 {Ticket.MaxText} 字。");
        else if (TextRules.Problem(description) is { } why) Fail("description", "问题描述" + why);

        if (!GuidedOnline && GuidanceSucceeded is not null)
            Fail("guidanceSucceeded", "未引导线上办理时不能记录引导结果。");
        if (!GuidedOnline && GuidanceItemId is not null)
            Fail("guidanceItemId", "未引导线上办理时不能选择引导事项。");

        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return this with { TaxpayerName = name, TaxpayerId = id, TaxpayerPhone = phone, Description = description };
    }
}

/// <summary>Response and resolve targets for one priority.</summary>
public sealed record SlaTarget(TimeSpan Response, TimeSpan Resolve);
