import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { Shell } from './Shell';
import { SessionProvider } from './session';

dayjs.locale('zh-cn');

/** 信息公开: the public page, without login, loaded only when visited. */
const PublicProgress = lazy(() => import('./pages/PublicProgress'));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#1f6f4a', fontSize: 15, borderRadius: 6 } }}
    >
      {/* Messages appear below the header and notifications at the bottom: never over the navigation; hovering does not keep them. */}
      <AntApp message={{ top: 76, pauseOnHover: false }} notification={{ placement: 'bottomRight', pauseOnHover: false }}>
        <SessionProvider>
          <BrowserRouter>
            <Routes>
              <Route
                path="/public/*"
                element={
                  <Suspense fallback={null}>
                    <PublicProgress />
                  </Suspense>
                }
              />
              <Route path="*" element={<Shell />} />
            </Routes>
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
