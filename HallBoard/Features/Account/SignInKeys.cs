using HallBoard.Data;
using Microsoft.AspNetCore.DataProtection;

namespace HallBoard.Features.Account;

public static class SignInKeys
{
    /// <summary>
    /// Keeps the keys that protect sign-in cookies in a folder beside the database ("DataProtection:KeysPath" to
    /// choose another), so a restart or a new app version does not sign out every screen: a wall reloads after a
    /// restart and must still be signed in.
    /// </summary>
    public static WebApplicationBuilder PersistSignInKeys(this WebApplicationBuilder builder)
    {
        var root = builder.Environment.ContentRootPath;
        var folder = builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetDirectoryName(DataSetup.DatabaseFile(builder.Configuration, root)) ?? root, "keys");
        if (!Path.IsPathRooted(folder)) folder = Path.Combine(root, folder);
        // The keys are stored unencrypted (there is no DPAPI on Linux): only the app's own account may read them.
        var keys = OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(folder)
            : Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        builder.Services.AddDataProtection()
            .SetApplicationName("HallBoard")
            .PersistKeysToFileSystem(keys);
        return builder;
    }
}
