import { useEffect, useState } from 'react';

import { loadAppProfile, loadedAppProfile, type AppProfile } from './appProfile';

/** The app's profile; undefined while it is being read (once per page load). */
export function useAppProfile(): AppProfile | undefined {
  const [profile, setProfile] = useState<AppProfile | undefined>(loadedAppProfile);
  useEffect(() => {
    let live = true;
    loadAppProfile().then((p) => live && setProfile(p));
    return () => {
      live = false;
    };
  }, []);
  return profile;
}
