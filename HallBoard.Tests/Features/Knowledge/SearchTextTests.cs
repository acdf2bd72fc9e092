using HallBoard.Features.Knowledge;

namespace HallBoard.Tests.Features.Knowledge;

/// <summary>The search's text rules in memory: normalization, grams and terms.</summary>
public sealed class SearchTextTests
{
    [Fact]
    public void Full_width_and_upper_case_latin_normalize_to_the_same_text()
    {
        Assert.Equal("ca证书 已过期", KnowledgeSearchText.Normalize("ＣＡ证书  \t已过期"));
        Assert.Equal(KnowledgeSearchText.Normalize("CA证书"), KnowledgeSearchText.Normalize("ca证书"));
    }

    [Fact]
    public void Grams_are_every_overlapping_pair_without_blanks()
    {
        var grams = KnowledgeSearchText.Grams("ca证书过期");
        Assert.True(grams.SetEquals(["ca", "a证", "证书", "书过", "过期"]), string.Join(",", grams));
        Assert.DoesNotContain(KnowledgeSearchText.Grams("a b"), g => g.Contains(' '));
    }

    [Fact]
    public void One_character_is_not_a_query_but_two_are()
    {
        Assert.Empty(KnowledgeSearchText.Terms("税"));
        Assert.Empty(KnowledgeSearchText.Terms("   "));
        Assert.Equal(["发票"], KnowledgeSearchText.Terms(" 发票 "));
        Assert.Equal(["s 1"], KnowledgeSearchText.Terms("S 1"));
        Assert.Equal(["登录", "失败"], KnowledgeSearchText.Terms("登录　失败"));
    }
}
