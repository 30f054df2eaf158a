import { createContext, useContext } from 'react';

/** Colors by role. With NO_COLOR every role is undefined: markers and words carry the meaning. */
export interface Theme {
  accent: string | undefined;
  danger: string | undefined;
  warning: string | undefined;
  muted: string | undefined;
  ok: string | undefined;
}

export const COLOR_THEME: Theme = { accent: 'cyan', danger: 'red', warning: 'yellow', muted: 'gray', ok: 'green' };
export const PLAIN_THEME: Theme = { accent: undefined, danger: undefined, warning: undefined, muted: undefined, ok: undefined };

export function themeFor(env: NodeJS.ProcessEnv): Theme {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '' ? PLAIN_THEME : COLOR_THEME;
}

export const ThemeContext = createContext<Theme>(COLOR_THEME);

export const useTheme = () => useContext(ThemeContext);
