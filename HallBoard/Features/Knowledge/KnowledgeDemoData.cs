using HallBoard.Data;
using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Knowledge;

/// <summary>A handful of published articles for the demo hall (Development only).</summary>
public sealed class KnowledgeDemoData(IDbContextFactory<HallDbContext> dbFactory, KnowledgeCommands commands)
{
    private static readonly ArticleContent[] Samples =
    [
        new()
        {
            Question = "电子税务局登录提示“身份认证失败”怎么办", Channel = Channel.ETaxWeb, Category = Category.LoginIdentity, Tags = ["登录", "实名认证"],
            Steps = ["确认纳税人使用的是本人手机号和身份证件", "在电子税务局首页点击“忘记密码”重新设置密码", "仍失败的，引导到个人所得税APP完成实名认证后再登录"],
        },
        new()
        {
            Question = "CA证书过期后无法在电子税务局申报", Channel = Channel.ETaxWeb, Category = Category.Filing, Tags = ["CA证书", "申报"],
            Steps = ["打开证书管理工具查看CA证书有效期", "到CA服务商网站在线续期，或到大厅窗口办理续期", "续期后重新插入UKey并刷新申报页面"],
        },
        new()
        {
            Question = "自助办税终端领用发票后打印失败", Channel = Channel.SelfServiceTerminal, Category = Category.Invoice, Tags = ["发票", "打印"],
            Steps = ["检查终端打印机是否缺纸或卡纸", "在终端维护界面重新安装打印驱动", "重启终端后到“发票补打”重新打印"],
        },
        new()
        {
            Question = "个税APP专项附加扣除如何填报", Channel = Channel.MobileApp, Category = Category.IndividualIncomeTax, Tags = ["个税", "专项附加扣除"],
            Steps = ["登录个人所得税APP，进入“办税”", "选择“专项附加扣除填报”并选择扣除年度", "按提示填写子女教育、住房贷款利息等信息后提交"],
        },
        new()
        {
            Question = "灵活就业人员社保缴费基数怎么选", Channel = Channel.SmartAreaPc, Category = Category.SocialInsurance, Tags = ["社保", "灵活就业"],
            Steps = ["说明当年缴费基数的上下限", "由纳税人在上下限之间自行选择档次", "在电子税务局“社保费缴纳”中确认基数并缴费"],
        },
    ];

    /// <summary>The engineer <paramref name="by"/> drafts the samples; <paramref name="publisher"/> (a lead) publishes them.</summary>
    public async Task SeedAsync(int hallId, Actor by, Actor publisher)
    {
        await using (var db = await dbFactory.CreateDbContextAsync())
            if (await db.KnowledgeArticles.AnyAsync(a => a.HallId == hallId)) return;
        foreach (var sample in Samples)
        {
            var draft = await commands.CreateAsync(hallId, sample, by);
            await commands.PublishAsync(draft.Id, draft.Revision, publisher);
        }
    }
}
