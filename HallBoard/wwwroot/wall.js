// Keeps a wall screen up with nobody to touch it, and ticks its clock. Loaded once with the page (a module runs once
// however often its tag is drawn), so a wall costs its circuit no script call.
//
// Clock: the server draws the date and time once (.wall-clock, with its own time in data-server-ms); from then on this
// script shows the hall's time every second, so the server does not draw an idle wall every second.
//
// Connection: Blazor finds the layout's element with the id "components-reconnect-modal" and, instead of its own
// dialog, only sets classes on it and raises "components-reconnect-state-changed". Once the live circuit has drawn
// the wall (.wall[data-live]), this script turns that into a small "已断开 自 hh:mm" mark and, whatever Blazor's own
// retries are doing, asks /healthz every 2 s while disconnected: once the server answers, the page reloads and shows
// fresh data (after a restart the old circuit is gone anyway).
const probeEveryMs = 2000;
const keepAliveEveryMs = 30 * 60 * 1000;

if (!window.hallWallScript) {
    window.hallWallScript = true;
    const zone = document.getElementById("components-reconnect-modal")?.dataset.zone || "Asia/Shanghai";
    const hhmm = new Intl.DateTimeFormat("zh-CN", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    const hhmmss = new Intl.DateTimeFormat("zh-CN", { timeZone: zone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    const day = new Intl.DateTimeFormat("zh-CN", { timeZone: zone, year: "numeric", month: "numeric", day: "numeric", weekday: "long" });

    // The hall's time: the browser's clock, set right by the server's time of the last header drawn.
    let serverMs = null;
    let offsetMs = 0;
    const now = () => {
        const drawn = document.querySelector(".wall-clock")?.dataset.serverMs;
        if (drawn && drawn !== serverMs) {
            serverMs = drawn;
            offsetMs = Number(drawn) - Date.now();
        }
        return new Date(Date.now() + offsetMs);
    };
    const tick = () => {
        const at = now();
        const time = document.querySelector(".wall-time");
        const date = document.querySelector(".wall-date");
        if (time) {
            const text = hhmmss.format(at);
            if (time.textContent !== text) time.textContent = text;
        }
        if (date) {
            const p = Object.fromEntries(day.formatToParts(at).map(x => [x.type, x.value]));
            const text = `${p.year}年${p.month}月${p.day}日 ${p.weekday}`;
            if (date.textContent !== text) date.textContent = text;
        }
        setTimeout(tick, 1000 - (at.getTime() % 1000) + 5);
    };
    tick();

    let probe = null;
    let reloading = false;
    const reload = () => {
        if (reloading) return;
        reloading = true;
        location.reload();
    };
    const probeOnce = async () => {
        try {
            const answer = await fetch("/healthz", { cache: "no-store" });
            if (answer.ok) reload();
        } catch {
            // still away
        }
    };

    const watch = mark => {
        window.hallWallWatching = true;
        const showStale = () => {
            if (!mark.dataset.since) {
                mark.dataset.since = hhmm.format(now());
                mark.textContent = `已断开 自 ${mark.dataset.since}`;
            }
            probe ??= setInterval(probeOnce, probeEveryMs);
        };
        const clearStale = () => {
            clearInterval(probe);
            probe = null;
            delete mark.dataset.since;
            mark.textContent = "";
        };
        mark.addEventListener("components-reconnect-state-changed", event => {
            switch (event.detail?.state) {
                case "hide":
                    clearStale();
                    break;
                case "rejected":
                    // The server answered but no longer knows this screen (it restarted): start afresh.
                    showStale();
                    reload();
                    break;
                default: // show, retrying, failed, paused, resume-failed
                    showStale();
                    break;
            }
        });
    };

    // The first paint is server-rendered; the mark to watch is the one the live circuit drew.
    const waitForLive = setInterval(() => {
        const mark = document.getElementById("components-reconnect-modal");
        if (!mark || !document.querySelector(".wall[data-live]")) return;
        clearInterval(waitForLive);
        watch(mark);
    }, 100);

    // The sign-in slides on only with requests; a wall makes none for weeks unless asked to.
    setInterval(() => fetch("/wall/keepalive", { cache: "no-store" }).catch(() => { }), keepAliveEveryMs);
}
