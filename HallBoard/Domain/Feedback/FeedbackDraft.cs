using HallBoard.Domain.Validation;

namespace HallBoard.Domain;

/// <summary>What a taxpayer (or an engineer for them) writes. Contact is optional: feedback may be anonymous.</summary>
public sealed record FeedbackDraft
{
    public FeedbackKind Kind { get; init; } = FeedbackKind.Opinion;
    public FeedbackSource Source { get; init; } = FeedbackSource.PublicPage;
    public string? Content { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }

    /// <summary>Checks every field and returns the normalised draft, or throws with a Chinese message per field.</summary>
    public FeedbackDraft Validated()
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (!Enum.IsDefined(Kind)) Fail("kind", "请选择意见类型。");
        if (!Enum.IsDefined(Source)) Fail("source", "来源无效。");

        var content = Content?.Trim() ?? "";
        if (content.Length == 0) Fail("content", "请填写意见内容。");
        else if (content.Length > TaxpayerFeedback.MaxContent) Fail("content", $"意见内容最多 {TaxpayerFeedback.MaxContent} 字。");
        else if (TextRules.Problem(content) is { } why) Fail("content", "意见内容" + why);

        var name = string.IsNullOrWhiteSpace(ContactName) ? null : ContactName.Trim();
        if (name is { Length: > TaxpayerFeedback.MaxContactName }) Fail("contactName", $"联系人最多 {TaxpayerFeedback.MaxContactName} 字。");
        else if (name is not null && TextRules.NameProblem(name) is { } nameWhy) Fail("contactName", "联系人" + nameWhy);

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(ContactPhone))
        {
            var check = PhoneNumber.Check(ContactPhone);
            if (check.IsValid) phone = check.Normalized;
            else Fail("contactPhone", check.Error ?? "联系电话格式不正确。");
        }

        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return this with { Content = content, ContactName = name, ContactPhone = phone };
    }
}
