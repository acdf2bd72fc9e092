using System.Reflection;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("HallBoard.Tests.Infrastructure.LongRunningFirst", "HallBoard.Tests")]

namespace HallBoard.Tests.Infrastructure;

/// <summary>Marks a test class that takes tens of seconds (a browser, a second app process, a large seed): it is
/// started first, so the run does not end with one such class going on alone while the other cores idle.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LongRunningAttribute : Attribute;

/// <summary>Starts the classes marked <see cref="LongRunningAttribute"/> before the others; otherwise xunit's own order.</summary>
public sealed class LongRunningFirst : ITestCollectionOrderer
{
    private const string ClassCollectionPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => IsLongRunning(c) ? 0 : 1).ThenBy(c => c.UniqueID);

    private static bool IsLongRunning(ITestCollection collection)
    {
        // A named collection carries the mark on its definition class, a class's own collection on the class.
        var type = (collection.CollectionDefinition as IReflectionTypeInfo)?.Type
            ?? (collection.DisplayName.StartsWith(ClassCollectionPrefix, StringComparison.Ordinal)
                ? typeof(LongRunningFirst).Assembly.GetType(collection.DisplayName[ClassCollectionPrefix.Length..])
                : null);
        return type?.GetCustomAttribute<LongRunningAttribute>() is not null;
    }
}
