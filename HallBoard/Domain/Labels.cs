namespace HallBoard.Domain;

/// <summary>The Chinese words users speak for each value.</summary>
public static class Labels
{
    public static string Of(TicketStatus s) => s switch
    {
        TicketStatus.Waiting => "待受理",
        TicketStatus.InProgress => "处理中",
        TicketStatus.Resolved => "已解决",
        TicketStatus.FollowedUp => "已回访",
        TicketStatus.Rated => "已评价",
        TicketStatus.Closed => "已关闭",
        _ => s.ToString(),
    };

    public static string Of(Channel c) => c switch
    {
        Channel.ETaxWeb => "电子税务局",
        Channel.MobileApp => "手机APP",
        Channel.SelfServiceTerminal => "自助办税终端",
        Channel.SmartAreaPc => "智慧办税区电脑",
        Channel.Hotline12366 => "12366热线",
        Channel.Counter => "窗口",
        _ => "其他",
    };

    public static string Of(Category c) => c switch
    {
        Category.LoginIdentity => "登录与身份认证",
        Category.Filing => "申报",
        Category.Invoice => "发票",
        Category.Payment => "缴款",
        Category.SocialInsurance => "社保",
        Category.IndividualIncomeTax => "个税",
        Category.SystemFault => "系统故障",
        Category.Consultation => "政策咨询",
        _ => "其他",
    };

    public static string Of(TicketKind k) => k switch
    {
        TicketKind.Consultation => "咨询",
        TicketKind.Fault => "故障",
        TicketKind.Guidance => "引导",
        TicketKind.Complaint => "投诉",
        TicketKind.Suggestion => "建议",
        _ => k.ToString(),
    };

    public static string Of(Priority p) => p switch
    {
        Priority.Low => "低",
        Priority.Normal => "普通",
        Priority.High => "高",
        Priority.Urgent => "紧急",
        _ => p.ToString(),
    };

    public static string Of(SatisfactionLevel l) => l switch
    {
        SatisfactionLevel.VerySatisfied => "非常满意",
        SatisfactionLevel.Satisfied => "满意",
        SatisfactionLevel.Basic => "基本满意",
        SatisfactionLevel.Dissatisfied => "不满意",
        SatisfactionLevel.VeryDissatisfied => "非常不满意",
        _ => l.ToString(),
    };

    public static string Of(FollowUpOutcome o) => o switch
    {
        FollowUpOutcome.Reached => "已联系上",
        FollowUpOutcome.NotReached => "未联系上",
        FollowUpOutcome.NotSatisfied => "纳税人不满意",
        _ => o.ToString(),
    };

    public static string Of(CloseReason r) => r switch
    {
        CloseReason.Completed => "闭环完成",
        CloseReason.Unreachable => "多次回访联系不上",
        CloseReason.Declined => "纳税人拒绝评价",
        _ => r.ToString(),
    };

    public static string Of(RatingSource s) => s switch
    {
        RatingSource.HandedTablet => "平板现场评价",
        RatingSource.OwnPhone => "扫码评价",
        RatingSource.CallBack => "电话回访评价",
        _ => s.ToString(),
    };

    public static string Of(TicketEventKind k) => k switch
    {
        TicketEventKind.Created => "录入",
        TicketEventKind.Taken => "受理",
        TicketEventKind.HandedOver => "转交",
        TicketEventKind.Resolved => "解决",
        TicketEventKind.Reopened => "重新打开",
        TicketEventKind.FollowUp => "回访",
        TicketEventKind.Rated => "评分",
        TicketEventKind.Closed => "关闭",
        TicketEventKind.Escalated => "升级",
        TicketEventKind.EscalationAnswered => "升级答复",
        TicketEventKind.WaitingOnTaxpayer => "等待纳税人",
        TicketEventKind.Resumed => "恢复处理",
        TicketEventKind.LinkedToIncident => "关联重大事件",
        TicketEventKind.LinkedToProblem => "关联疑难问题",
        TicketEventKind.FeedbackReceived => "收到纳税人意见",
        _ => "备注",
    };
}
