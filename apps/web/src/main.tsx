import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { Shell } from './Shell';
import { SessionProvider } from './session';

dayjs.locale('zh-cn');

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
            <Shell />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
