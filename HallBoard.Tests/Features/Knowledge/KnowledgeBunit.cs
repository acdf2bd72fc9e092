using Bunit;
using HallBoard.Features.Knowledge;
using HallBoard.Features.Problems;
using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Features.Knowledge;

/// <summary>bUnit with the handbook and problem services of the app besides the ticket and knowledge ones.</summary>
public abstract class KnowledgeBunit : BunitTestBase
{
    protected KnowledgeBunit(HallAppFactory app) : base(app)
    {
    }

    protected static Task Type<T>(IRenderedComponent<T> page, string inputId, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        page.InvokeAsync(() => page.Find($"#{inputId}").Input(text));

    protected static Task Click<T>(IRenderedComponent<T> page, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Trim() == text).Click());
}
