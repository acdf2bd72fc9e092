using HallBoard.Domain;

namespace HallBoard.Features.Tickets.Pages;

/// <summary>What the intake form holds while it is filled in, and the message shown under each field.
/// Field keys are the ones <see cref="TicketDraft.Validated"/> reports.</summary>
public sealed class IntakeForm
{
    public const string NameField = "taxpayerName";
    public const string IdField = "taxpayerId";
    public const string PhoneField = "taxpayerPhone";
    public const string ChannelField = "channel";
    public const string CategoryField = "category";
    public const string KindField = "kind";
    public const string PriorityField = "priority";
    public const string DescriptionField = "description";

    public static readonly IReadOnlySet<string> Fields = new HashSet<string>
    {
        NameField, IdField, PhoneField, ChannelField, CategoryField, KindField, PriorityField, DescriptionField,
    };

    public string TaxpayerName { get; set; } = "";
    public string TaxpayerId { get; set; } = "";
    public string TaxpayerPhone { get; set; } = "";
    public Channel Channel { get; set; } = Channel.ETaxWeb;
    public Category Category { get; set; } = Category.Filing;
    public TicketKind Kind { get; set; } = TicketKind.Consultation;
    public Priority Priority { get; set; } = Priority.Normal;
    public string Description { get; set; } = "";
    public bool TakeNow { get; set; } = true;
    public bool GuidedOnline { get; set; }
    public bool? GuidanceSucceeded { get; set; }
    public int? GuidanceItemId { get; set; }

    public Dictionary<string, string> Errors { get; } = new();

    public string? ErrorOf(string field) => Errors.GetValueOrDefault(field);

    public void SetError(string field, string? message)
    {
        if (message is null) Errors.Remove(field);
        else Errors[field] = message;
    }

    public TicketDraft ToDraft() => new()
    {
        TaxpayerName = TaxpayerName,
        TaxpayerId = TaxpayerId,
        TaxpayerPhone = TaxpayerPhone,
        Channel = Channel,
        Category = Category,
        Kind = Kind,
        Priority = Priority,
        Description = Description,
        GuidedOnline = GuidedOnline,
        GuidanceSucceeded = GuidedOnline ? GuidanceSucceeded : null,
        GuidanceItemId = GuidedOnline ? GuidanceItemId : null,
    };

    /// <summary>A quick pick sets channel, category and kind and fills the description, keeping
    /// anything the engineer already wrote that is not itself a quick pick.</summary>
    public void Apply(QuickPick pick)
    {
        Channel = pick.Channel;
        Category = pick.Category;
        Kind = pick.Kind;
        var written = Description.Trim();
        Description = written.Length == 0 || QuickPick.Common.Any(p => p.Text == written)
            ? pick.Text
            : $"{pick.Text}：{written}";
        Errors.Remove(DescriptionField);
    }
}

/// <summary>A problem walk-in taxpayers bring again and again, one tap to fill the form.</summary>
public sealed record QuickPick(string Text, Channel Channel, Category Category, TicketKind Kind)
{
    public static IReadOnlyList<QuickPick> Common { get; } =
    [
        new("电子税务局无法登录", Channel.ETaxWeb, Category.LoginIdentity, TicketKind.Fault),
        new("发票开具失败", Channel.ETaxWeb, Category.Invoice, TicketKind.Fault),
        new("自助终端打印失败", Channel.SelfServiceTerminal, Category.SystemFault, TicketKind.Fault),
        new("个税APP密码重置", Channel.MobileApp, Category.IndividualIncomeTax, TicketKind.Guidance),
        new("社保缴费查询", Channel.ETaxWeb, Category.SocialInsurance, TicketKind.Consultation),
    ];
}
