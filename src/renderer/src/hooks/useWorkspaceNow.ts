import { useDesk } from './desk';
import { useNow } from './useNow';
import { selectNowMs } from '../state/workspaceSlice';

/** "Now" on the workspace's clock (the demo's is frozen), refreshed every 30 s. */
export function useWorkspaceNow(): number {
  const { useAppStore } = useDesk();
  const workspace = useAppStore((s) => s.workspace);
  const loadedAtMs = useAppStore((s) => s.loadedAtMs);
  const wall = useNow(30_000);
  return selectNowMs({ workspace, loadedAtMs }, wall);
}
