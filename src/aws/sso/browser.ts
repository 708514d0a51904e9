// Opening the sign-in page: honours BROWSER, knows each OS's opener, and decides when no browser can open here.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Deps } from '../../deps.js';

export interface FlowChoice {
  flow: 'pkce' | 'device';
  /** Why the device flow was chosen automatically (shown to the user). */
  reason?: string;
}

/**
 * PKCE needs a browser on this machine (its redirect goes to 127.0.0.1 here). Without one — SSH without a display,
 * WSL, containers — the device flow lets the user sign in from any device. An explicit BROWSER always means PKCE.
 */
export function chooseFlow(deps: Pick<Deps, 'env' | 'platform'>, requested: 'auto' | 'pkce' | 'device'): FlowChoice {
  if (requested !== 'auto') return { flow: requested };
  const env = deps.env;
  if (env.BROWSER) return { flow: 'pkce' };
  const ssh = !!(env.SSH_CONNECTION || env.SSH_CLIENT || env.SSH_TTY);
  if (deps.platform === 'linux') {
    if (env.WSL_DISTRO_NAME || env.WSL_INTEROP) return { flow: 'device', reason: 'this is WSL, where the Linux side often cannot open the Windows browser' };
    if (!env.DISPLAY && !env.WAYLAND_DISPLAY) {
      return { flow: 'device', reason: ssh ? 'this is an SSH session without a display' : 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
    }
  } else if (ssh) {
    return { flow: 'device', reason: 'this is an SSH session: a browser would open on the remote machine' };
  }
  if (env.CODESPACES === 'true' || env.REMOTE_CONTAINERS === 'true' || env.container) {
    return { flow: 'device', reason: 'this is a container or remote development environment' };
  }
  return { flow: 'pkce' };
}

/** The command that opens a URL: BROWSER (a path, or a command with arguments; `%s` is replaced), else the OS's. */
export function browserCommand(deps: Pick<Deps, 'env' | 'platform'>, url: string): { cmd: string; args: string[] } | undefined {
  const b = deps.env.BROWSER;
  if (b) {
    // Python's webbrowser treats BROWSER as a list of commands separated by the path separator; use the first.
    const first = b.split(deps.platform === 'win32' ? ';' : ':').find((x) => x.trim()) ?? b;
    const candidate = fs.existsSync(b) ? b : first.trim();
    if (fs.existsSync(candidate)) return { cmd: candidate, args: [url] };
    const words = candidate.split(/\s+/).filter(Boolean);
    if (!words.length) return undefined;
    const hasPlaceholder = words.some((w) => w.includes('%s'));
    const args = words.slice(1).map((w) => w.replace(/%s/g, url));
    return { cmd: words[0]!, args: hasPlaceholder ? args : [...args, url] };
  }
  switch (deps.platform) {
    case 'darwin':
      return { cmd: 'open', args: [url] };
    case 'win32':
      // rundll32 takes the URL as one argument; `cmd /c start` would split it at every `&`.
      return { cmd: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
    default:
      return { cmd: 'xdg-open', args: [url] };
  }
}

/** Start the browser and return once it started (or failed to). The browser is not waited for. */
export function openBrowser(deps: Pick<Deps, 'env' | 'platform'>, url: string): Promise<{ opened: boolean; command?: string; error?: string }> {
  const c = browserCommand(deps, url);
  if (!c) return Promise.resolve({ opened: false, error: 'BROWSER is empty' });
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(c.cmd, c.args, { stdio: 'ignore', detached: deps.platform !== 'win32', env: { ...deps.env } as NodeJS.ProcessEnv, windowsHide: true });
    } catch (e) {
      resolve({ opened: false, command: c.cmd, error: (e as Error).message });
      return;
    }
    child.once('error', (e: NodeJS.ErrnoException) => resolve({ opened: false, command: c.cmd, error: e.code === 'ENOENT' ? `${c.cmd} not found` : e.message }));
    child.once('spawn', () => {
      child.unref();
      resolve({ opened: true, command: c.cmd });
    });
  });
}
