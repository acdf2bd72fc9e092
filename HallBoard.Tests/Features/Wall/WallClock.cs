using Bunit;
using Bunit.Extensions.WaitForHelpers;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Features.Wall;

public static class WallClock
{
    /// <summary>Moves the wall's clock on a quarter second at a time until the screen shows what is asserted. A wall
    /// holds a draw back until 250 ms of its clock have passed since the last; whether a change lands before or after
    /// a draw that was already under way decides whether one step or two let it out, so the test lets the clock run
    /// as a real one would instead of betting on the order.</summary>
    /// <param name="firstStep">A longer first step (minutes of waiting, a pager's interval); the steps after it are
    /// the quarter seconds a held-back draw needs.</param>
    public static void AdvanceUntil<T>(this FakeTimeProvider clock, IRenderedComponent<T> screen, Action assertion,
        TimeSpan? firstStep = null, int maxSteps = 8)
        where T : IComponent
    {
        for (var step = 1; ; step++)
        {
            clock.Advance(step == 1 && firstStep is { } first ? first : TimeSpan.FromMilliseconds(250));
            try
            {
                screen.WaitForAssertion(assertion, TimeSpan.FromSeconds(2));
                return;
            }
            catch (WaitForFailedException) when (step < maxSteps) { }
        }
    }
}
