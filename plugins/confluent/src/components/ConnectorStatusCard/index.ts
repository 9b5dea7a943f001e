export { ConnectorStatusCard } from './ConnectorStatusCard';
