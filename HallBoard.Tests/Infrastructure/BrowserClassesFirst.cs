using Xunit.Abstractions;

[assembly: TestCollectionOrderer("HallBoard.Tests.Infrastructure.BrowserClassesFirst", "HallBoard.Tests")]

namespace HallBoard.Tests.Infrastructure;

/// <summary>
/// Starts the browser test classes (named <c>…BrowserTests</c>) first, then the rest in a fixed order. A browser flow
/// is long and spends part of its time waiting on the page; started last (the default order is arbitrary), one ran on
/// alone for half a minute at the end of a pass. Longest first, the short classes keep both threads busy to the end.
/// </summary>
public sealed class BrowserClassesFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            // Each test class is its own collection (the suite defines no shared ones), named after the class.
            .OrderByDescending(c => c.DisplayName.EndsWith("BrowserTests", StringComparison.Ordinal))
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
