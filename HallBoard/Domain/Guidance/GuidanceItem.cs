namespace HallBoard.Domain;

/// <summary>One line of the hall's 引导服务清单: a business item and the online channel that serves it.</summary>
public sealed class GuidanceItem
{
    public const int MaxName = 60;

    /// <summary>The channels a taxpayer can be guided to: everything but the counter, the phone line and "other".</summary>
    public static IReadOnlyList<Channel> OnlineChannels { get; } =
        [Channel.ETaxWeb, Channel.MobileApp, Channel.SelfServiceTerminal, Channel.SmartAreaPc];

    public int Id { get; private set; }
    public int HallId { get; private set; }
    public string Name { get; private set; } = "";
    public Category Category { get; private set; }
    public Channel Channel { get; private set; }
    public bool IsActive { get; private set; } = true;

    private GuidanceItem() { }

    public static GuidanceItem Create(int hallId, string? name, Category category, Channel channel)
    {
        var item = new GuidanceItem { HallId = hallId };
        item.Update(name, category, channel, isActive: true);
        return item;
    }

    public void Update(string? name, Category category, Channel channel, bool isActive)
    {
        var errors = new Dictionary<string, string[]>();
        var value = name?.Trim() ?? "";
        if (value.Length == 0) errors["name"] = ["请填写业务事项名称。"];
        else if (value.Length > MaxName) errors["name"] = [$"业务事项名称最多 {MaxName} 字。"];
        else if (TextRules.NameProblem(value) is { } why) errors["name"] = ["业务事项名称" + why];
        if (!Enum.IsDefined(category)) errors["category"] = ["业务类别无效。"];
        if (!OnlineChannels.Contains(channel)) errors["channel"] = ["请选择一个线上办理渠道（电子税务局、手机APP、自助办税终端或智慧办税区电脑）。"];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        Name = value;
        Category = category;
        Channel = channel;
        IsActive = isActive;
    }

    public override string ToString() => $"{Name}（{Labels.Of(Category)}，{Labels.Of(Channel)}）{(IsActive ? "" : "已停用")}";
}
