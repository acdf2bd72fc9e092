using HallBoard.Features.Attachments;
using HallBoard.Features.BureauTasks;
using HallBoard.Features.Escalations;
using HallBoard.Features.Incidents.Plans;
using HallBoard.Features.Incidents;
using HallBoard.Features.Knowledge;
using HallBoard.Features.Problems;
using HallBoard.Features.ServiceReports.Records;
using HallBoard.Features.ServiceReports;
using HallBoard.Features.Staffing;
using HallBoard.Features.Training;

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

    public static string Of(TrainingStatus s) => s switch
    {
        TrainingStatus.Planned => "计划",
        TrainingStatus.Held => "已举行",
        TrainingStatus.Cancelled => "已取消",
        _ => s.ToString(),
    };

    public static string Of(ArticleStatus s) => s switch
    {
        ArticleStatus.Draft => "草稿",
        ArticleStatus.Published => "已发布",
        ArticleStatus.Retired => "已停用",
        _ => s.ToString(),
    };

    public static string Of(RectificationOutcome o) => o switch
    {
        RectificationOutcome.Passed => "整改合格",
        RectificationOutcome.Failed => "整改未达要求",
        _ => "整改中",
    };

    public static string Of(FaultKind k) => k switch
    {
        FaultKind.Quarrel => "与纳税人争执冲突",
        FaultKind.Bribery => "行贿受贿",
        FaultKind.DataTrading => "数据买卖",
        _ => "泄露涉税信息",
    };

    public static string Of(TransferDecision d) => d switch
    {
        TransferDecision.Pending => "待局方答复",
        TransferDecision.Consented => "局方同意",
        TransferDecision.Refused => "局方不同意",
        _ => d.ToString(),
    };

    public static string Of(StepVerdict v) => v switch
    {
        StepVerdict.OnTime => "按时",
        StepVerdict.Late => "超时完成",
        StepVerdict.Overdue => "已逾期",
        _ => "未到期",
    };

    public static string Of(DocumentVerdict v) => v switch
    {
        DocumentVerdict.OnTime => "按时",
        DocumentVerdict.Late => "逾期",
        DocumentVerdict.Missing => "缺失",
        _ => "未到期",
    };

    public static string Of(ImprovementStatus s) => s switch
    {
        ImprovementStatus.Planned => "未开始",
        ImprovementStatus.InProgress => "进行中",
        ImprovementStatus.Done => "已完成",
        _ => s.ToString(),
    };

    public static string Of(PlanState state) => state switch
    {
        PlanState.Draft => "草拟",
        PlanState.Submitted => "已提交局方",
        PlanState.BureauAnswered => "局方已提意见",
        PlanState.InProgress => "实施中",
        PlanState.Done => "已完成",
        _ => state.ToString(),
    };

    public static string Of(MeasureState state) => state switch
    {
        MeasureState.NotStarted => "未开始",
        MeasureState.InProgress => "进行中",
        MeasureState.Done => "已完成",
        _ => state.ToString(),
    };

    public static string Of(AttachmentSubject subject) => subject switch
    {
        AttachmentSubject.Ticket => "工单",
        AttachmentSubject.Problem => "疑难问题",
        AttachmentSubject.Incident => "重大事件",
        AttachmentSubject.Training => "培训",
        _ => subject.ToString(),
    };

    public static string Of(BureauTaskState state) => state switch
    {
        BureauTaskState.Issued => "已下达",
        BureauTaskState.Accepted => "已接收",
        BureauTaskState.InProgress => "执行中",
        BureauTaskState.Completed => "已完成",
        BureauTaskState.Confirmed => "已确认办结",
        _ => state.ToString(),
    };

    public static string Of(BureauTaskChannel channel) => channel switch
    {
        BureauTaskChannel.InApp => "系统下达",
        BureauTaskChannel.Phone => "电话",
        BureauTaskChannel.Paper => "书面",
        _ => channel.ToString(),
    };

    public static string Of(BureauTaskMove move) => move switch
    {
        BureauTaskMove.Accept => "接受指令",
        BureauTaskMove.Progress => "反馈进度",
        BureauTaskMove.Complete => "报告完成",
        BureauTaskMove.Confirm => "确认办结",
        BureauTaskMove.Reopen => "退回重办",
        _ => move.ToString(),
    };

    public static string Of(BureauTaskEventKind kind) => kind switch
    {
        BureauTaskEventKind.Issued => "下达",
        BureauTaskEventKind.Accepted => "接收",
        BureauTaskEventKind.Progress => "进度反馈",
        BureauTaskEventKind.Completed => "完成",
        BureauTaskEventKind.Confirmed => "确认办结",
        BureauTaskEventKind.Reopened => "退回重办",
        _ => kind.ToString(),
    };

    public static string Of(RequirementState state) => state switch
    {
        RequirementState.Registered => "登记",
        RequirementState.Reported => "已上报公司",
        RequirementState.Planned => "已制定方案",
        RequirementState.Implemented => "已实施",
        RequirementState.Declined => "不采纳",
        _ => state.ToString(),
    };

    public static string Of(RequirementSource source) => source switch
    {
        RequirementSource.Bureau => "局方",
        RequirementSource.Taxpayer => "纳税人",
        RequirementSource.OnSite => "驻场发现",
        _ => source.ToString(),
    };

    public static string Of(RequirementMove move) => move switch
    {
        RequirementMove.Report => "上报公司",
        RequirementMove.Plan => "录入服务方案",
        RequirementMove.Implement => "已实施",
        RequirementMove.Decline => "不采纳",
        _ => move.ToString(),
    };

    public static string Of(LeaveKind kind) => kind == LeaveKind.Official ? "因公" : "因私";

    public static string Of(FeedbackKind k) => k switch
    {
        FeedbackKind.Opinion => "意见",
        FeedbackKind.Suggestion => "建议",
        FeedbackKind.Consultation => "咨询",
        FeedbackKind.Complaint => "投诉",
        _ => k.ToString(),
    };

    public static string Of(FeedbackSource s) => s switch
    {
        FeedbackSource.RatingPage => "评价后提交",
        FeedbackSource.PublicPage => "扫码提交",
        FeedbackSource.Engineer => "工程师代录",
        _ => s.ToString(),
    };

    public static string Of(FeedbackStatus s) => s switch
    {
        FeedbackStatus.Received => "已收到",
        FeedbackStatus.Reported => "已报送",
        FeedbackStatus.InHandling => "处理中",
        FeedbackStatus.Replied => "已答复",
        FeedbackStatus.Closed => "已办结",
        _ => s.ToString(),
    };

    public static string Of(ProblemStatus s) => s switch
    {
        ProblemStatus.Open => "待分析",
        ProblemStatus.Analysing => "分析中",
        ProblemStatus.WorkaroundKnown => "已有临时方案",
        ProblemStatus.Resolved => "已解决",
        ProblemStatus.Duplicate => "重复问题已关闭",
        _ => s.ToString(),
    };

    public static string Of(IncidentStatus status) => status == IncidentStatus.Open ? "处置中" : "已关闭";

    public static string Of(IncidentEntryKind kind) => kind switch
    {
        IncidentEntryKind.Declared => "宣布",
        IncidentEntryKind.Action => "处置",
        IncidentEntryKind.TicketLinked => "关联工单",
        IncidentEntryKind.Reported => "上报",
        IncidentEntryKind.Closed => "关闭",
        IncidentEntryKind.FinalClosed => "结案",
        _ => kind.ToString(),
    };

    public static string Of(EscalationTarget target) => target switch
    {
        EscalationTarget.HallLead => "办税服务厅负责人",
        EscalationTarget.OpsAuthority => "主管税务机关运维部门",
        _ => target.ToString(),
    };
}
