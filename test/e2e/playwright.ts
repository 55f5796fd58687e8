// The part of playwright-core's API these launchers use. playwright-core lives
// in the e2e kit folder (test/e2e/setup.sh), not in the project's
// node_modules, so it is loaded from there at run time.

export interface Locator {
  first(): Locator;
  nth(index: number): Locator;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  waitFor(options?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  click(options?: { timeout?: number; force?: boolean }): Promise<void>;
  hover(options?: { timeout?: number; force?: boolean }): Promise<void>;
  innerText(options?: { timeout?: number }): Promise<string>;
  count(): Promise<number>;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
}

export interface FrameLocator {
  frameLocator(selector: string): FrameLocator;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
}

export interface Page {
  frameLocator(selector: string): FrameLocator;
  goto(url: string, options?: { timeout?: number }): Promise<unknown>;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
  waitForSelector(selector: string, options?: { timeout?: number; state?: string }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  exposeFunction(name: string, fn: (...args: never[]) => unknown): Promise<void>;
  keyboard: { press(key: string): Promise<void>; type(text: string, options?: { delay?: number }): Promise<void> };
  mouse: { move(x: number, y: number): Promise<void> };
}

export interface BrowserContext {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export interface Chromium {
  launchPersistentContext(userDataDir: string, options: Record<string, unknown>): Promise<BrowserContext>;
}
