import {
  Link,
  sidebarConfig,
  useSidebarOpenState,
} from '@backstage/core-components';
import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  root: {
    height: 3 * sidebarConfig.logoHeight,
    display: 'flex',
    alignItems: 'center',
    marginBottom: -14,
    paddingLeft: 24,
  },
  text: {
    color: theme.palette.common.white,
    fontWeight: 700,
    fontSize: 18,
    lineHeight: 1.1,
    whiteSpace: 'nowrap',
  },
}));

/** A text logo: the portal's name when open, its initials when collapsed. */
export const SidebarLogo = () => {
  const classes = useStyles();
  const { isOpen } = useSidebarOpenState();
  return (
    <div className={classes.root}>
      <Link to="/" underline="none" aria-label="Home" className={classes.text}>
        {isOpen ? 'Data Products' : 'DP'}
      </Link>
    </div>
  );
};
