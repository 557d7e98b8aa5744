import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import './common/i18n';
import './common/global.css';
import { Landing } from './common/Landing';
import { FullPageSpinner } from './common/ui/FullPageSpinner';

// Each surface is its own chunk: a consumer on a phone never downloads the admin console.
const AdminApp = lazy(() => import('./admin/AdminApp'));
const WorkspaceApp = lazy(() => import('./workspace/WorkspaceApp'));
const MessengerApp = lazy(() => import('./messenger/MessengerApp'));
const OperatorApp = lazy(() => import('./operator/OperatorApp'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (count, error) => count < 2 && (error as { status?: number }).status === 0, refetchOnWindowFocus: false },
  },
});

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Suspense fallback={<FullPageSpinner />}>
          <Routes>
            <Route path="/admin/*" element={<AdminApp />} />
            <Route path="/work/*" element={<WorkspaceApp />} />
            <Route path="/app/*" element={<MessengerApp />} />
            <Route path="/operator/*" element={<OperatorApp />} />
            <Route path="*" element={<Landing />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
